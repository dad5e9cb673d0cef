#!/usr/bin/env bash
# Names from untrusted files need not be UTF-8: a file name and a function name with a byte 0xff
# reach `inspect --json` and `check --json` as valid JSON (the byte replaced by U+FFFD), never as
# an internal error; the text output names them as they are.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/rust_lib.bash" # write_nofs_profile
cd "$WORK"
write_nofs_profile
bad=$'bad\xffname'
replaced=$'\xef\xbf\xbd' # U+FFFD in UTF-8
cp "$XPORT_SOURCE_DIR/fuzz/corpus/elf/tls-nonutf8-function.valid" "$bad"
for args in "inspect --json" "check --json --target x86_64-linux-nofs"; do
  # shellcheck disable=SC2086
  "$XPORT" $args "$bad" >out.json 2>err.txt || true
  expect_not_contains "$(cat err.txt)" "internal error" "xport $args"
  python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' out.json ||
    fail "xport $args printed no valid JSON: $(head -c 300 out.json)"
  expect_contains "$(cat out.json)" "bad${replaced}name" "xport $args"
done
expect_contains "$(cat out.json)" '"thread-pointer-read"'
expect_contains "$(cat out.json)" "g${replaced}t"
expect_status 1 "$XPORT" check --target x86_64-linux-nofs "$bad"
expect_contains "$OUT" "[thread-pointer-read]"
echo "ok"
