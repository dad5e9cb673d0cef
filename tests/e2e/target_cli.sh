#!/usr/bin/env bash
# `xport target list|show|diff|check` on the built-in catalog and on user profiles found in
# ./xport/targets, $XDG_CONFIG_HOME/xport/targets and through --profile.
source "$(dirname "$0")/lib.sh"

step "$XPORT" target list
list=$("$XPORT" target list)
for t in x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu riscv64-unknown-linux-gnu \
  armv7-unknown-linux-gnueabihf i686-unknown-linux-gnu x86_64-unknown-linux-musl \
  aarch64-unknown-linux-musl x86_64-unknown-freebsd aarch64-unknown-freebsd \
  x86_64-unknown-dragonfly x86_64-unknown-netbsd x86_64-unknown-openbsd x86_64-unknown-genode; do
  expect_contains "$list" "$t" "target list"
done
expect_contains "$list" "x86_64-pc-dragonfly-elf" "target list"
expect_not_contains "$list" "linux-gnu-base" "target list (abstract bases are hidden)"
expect_contains "$("$XPORT" target list --all)" "linux-gnu-base" "target list --all"
"$XPORT" target list --json | python3 -m json.tool >/dev/null || fail "list --json is not JSON"
grep -Eq '^riscv64-unknown-linux-gnu +riscv64gc-unknown-linux-gnu ' <<<"$list" ||
  fail "target list does not show rustc's name beside riscv64-unknown-linux-gnu"
grep -Eq '^x86_64-unknown-genode +- ' <<<"$list" ||
  fail "target list names a rustc target for Genode, which rustc does not have"
"$XPORT" target list --json | python3 -c '
import json, sys
rows = {r["name"]: r for r in json.load(sys.stdin)}
assert rows["riscv64-unknown-linux-gnu"]["rustc-target"] == "riscv64gc-unknown-linux-gnu", rows
assert rows["x86_64-unknown-genode"]["rustc-target"] is None' || fail "list --json lacks rustc-target"

step echo "rustc's spelling of a target name is the same target"
show=$("$XPORT" target show riscv64gc-unknown-linux-gnu)
grep -Eq "^arch +\"riscv64\" " <<<"$show" || fail "target show riscv64gc-unknown-linux-gnu: $show"
mkdir -p "$WORK/empty-sysroot"
expect_status 0 "$XPORT" cc --target riscv64gc-unknown-linux-gnu --sysroot "$WORK/empty-sysroot" --print-command -c x.c
expect_contains "$OUT" "-target riscv64-unknown-linux-gnu "
expect_status 2 "$XPORT" target show riscv64gc-unknown-linuxx-gnu
expect_contains "$OUT" "unknown target 'riscv64gc-unknown-linuxx-gnu'"

step "$XPORT" target show x86_64-unknown-genode
show=$("$XPORT" target show x86_64-unknown-genode)
echo "$show"
grep -Eq '^tls-model +"emulated" +targets/x86_64-unknown-genode\.toml:[0-9]+:[0-9]+$' <<<"$show" ||
  fail "show does not say tls-model comes from the Genode file"
grep -Eq '^llvm-triple +"x86_64-unknown-freebsd" +targets/x86_64-unknown-freebsd\.toml:' <<<"$show" ||
  fail "show does not say llvm-triple comes from the FreeBSD file"
grep -Eq '^dynamic-linker +"/libexec/ld-elf\.so\.1" +targets/freebsd-base\.toml:' <<<"$show" ||
  fail "show does not say dynamic-linker comes from freebsd-base"
"$XPORT" target show x86_64-unknown-genode --json | python3 -m json.tool >/dev/null ||
  fail "show --json is not JSON"

step "$XPORT" target diff x86_64-unknown-freebsd x86_64-unknown-genode
diff_out=$("$XPORT" target diff x86_64-unknown-freebsd x86_64-unknown-genode)
echo "$diff_out"
# FreeBSD except the TLS model, the panic strategy and Genode's own ABI ([symbol-abi]).
fields=$(grep -v '^ ' <<<"$diff_out" | grep -v '^symbol-abi\.' | tr '\n' ' ')
want="name description tls-model unavailable-symbols rust.panic "
[ "$fields" = "$want" ] || fail "diff printed fields '$fields', expected '$want'"
expect_contains "$diff_out" "symbol-abi.interpreter"
"$XPORT" target diff x86_64-unknown-freebsd x86_64-unknown-genode --json |
  python3 -c 'import json,sys; d=json.load(sys.stdin); assert [x["field"] for x in d["differences"]][2] == "tls-model"' ||
  fail "diff --json does not list tls-model"

# A user profile three levels above FreeBSD: project -> genode -> freebsd (-> freebsd-base),
# with a second level in the config folder and a third given with --profile.
mkdir -p "$WORK/project/xport/targets" "$XDG_CONFIG_HOME/xport/targets"
cat >"$WORK/project/xport/targets/myapp.toml" <<'TOML'
name = "x86_64-genode-myapp"
inherits = "x86_64-unknown-genode"
description = "our Genode scenario"
dynamic-linker = "/lib/ld.lib.so"
link-flags = { append = ["-z", "max-page-size=0x1000"] }
TOML
cat >"$XDG_CONFIG_HOME/xport/targets/mine.toml" <<'TOML'
name = "x86_64-genode-mine"
inherits = "x86_64-genode-myapp"
library-dirs = { prepend = ["genode/lib"] }
TOML
cat >"$WORK/extra.toml" <<'TOML'
name = "x86_64-genode-extra"
inherits = "x86_64-genode-mine"
[rust]
panic = "abort"
TOML
cd "$WORK/project"
step "$XPORT" target show x86_64-genode-extra --profile "$WORK/extra.toml"
show=$("$XPORT" target show x86_64-genode-extra --profile "$WORK/extra.toml")
echo "$show"
expect_contains "$show" "x86_64-genode-extra -> x86_64-genode-mine -> x86_64-genode-myapp -> x86_64-unknown-genode -> x86_64-unknown-freebsd -> freebsd-base" "chain"
grep -Eq '^dynamic-linker +"/lib/ld\.lib\.so" +xport/targets/myapp\.toml:4:1$' <<<"$show" ||
  fail "dynamic-linker is not attributed to ./xport/targets/myapp.toml:4:1"
grep -Eq "^library-dirs +\[\"genode/lib\", \"usr/lib\"\] +$XDG_CONFIG_HOME/xport/targets/mine\.toml:3:1$" <<<"$show" ||
  fail "library-dirs is not the prepended list from the config folder"
grep -Eq "^rust\.panic +\"abort\" +$WORK/extra\.toml:4:1$" <<<"$show" ||
  fail "rust.panic is not attributed to the --profile file"
grep -Eq '^tls-model +"emulated" +targets/x86_64-unknown-genode\.toml:' <<<"$show" ||
  fail "tls-model is not inherited from the Genode profile"
expect_contains "$("$XPORT" target list)" "x86_64-genode-myapp" "list in a project folder"
step "$XPORT" target check "$WORK/extra.toml"
expect_status 0 "$XPORT" target check "$WORK/extra.toml"
expect_contains "$OUT" "ok (x86_64-genode-extra)"
cd "$WORK"
# Outside the project folder, the config folder's profile has lost its base: check says so about
# that file, while a file that does not depend on it stays valid.
printf 'name = "alone"\ninherits = "x86_64-unknown-netbsd"\n' >"$WORK/alone.toml"
expect_status 0 "$XPORT" target check "$WORK/alone.toml"
expect_contains "$OUT" "$WORK/alone.toml: ok"
expect_contains "$OUT" "note: 1 problem in other profile files, first: $XDG_CONFIG_HOME/xport/targets/mine.toml:2:1: unknown base 'x86_64-genode-myapp'"
rm "$XDG_CONFIG_HOME/xport/targets/mine.toml"

# A bad file: every problem, each with file:line:col, and exit status 1.
cat >"$WORK/bad.toml" <<'TOML'
name = "bad"
inherits = "x86_64-unknown-freebds"
tls_model = "emulated"
pie-default = "yes"
thread-pointer = "fsbase"
TOML
echo "\$ $XPORT target check $WORK/bad.toml"
expect_status 1 "$XPORT" target check "$WORK/bad.toml"
echo "$OUT"
expect_contains "$OUT" "$WORK/bad.toml:2:1: unknown base 'x86_64-unknown-freebds' in 'inherits' (did you mean 'x86_64-unknown-freebsd'"
expect_contains "$OUT" "$WORK/bad.toml:3:1: unknown key 'tls_model' (did you mean 'tls-model'?)"
expect_contains "$OUT" "$WORK/bad.toml:4:15: wrong type for 'pie-default': expected a boolean, got a string"
expect_contains "$OUT" "$WORK/bad.toml:5:18: bad value 'fsbase' for 'thread-pointer': expected one of none, fs, gs, tpidr_el0, tpidruro, tp"
expect_contains "$OUT" "4 problems found"
expect_status 1 "$XPORT" target check "$WORK/bad.toml" --json
python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert not d["ok"] and len(d["problems"]) == 4' "$OUT" ||
  fail "check --json does not report the 4 problems as JSON"
expect_status 1 "$XPORT" target check "$WORK/missing.toml"
expect_contains "$OUT" "$WORK/missing.toml: cannot read profile file (given with --profile): No such file or directory"
# A broken file given with --profile stops every command that loads the catalog.
expect_status 1 "$XPORT" target list --profile "$WORK/bad.toml"
expect_contains "$OUT" "xport: error: $WORK/bad.toml:2:1: unknown base"
expect_contains "$OUT" "$WORK/bad.toml:3:1: unknown key 'tls_model'"

# Usage errors: exit status 2, with "did you mean".
expect_status 2 "$XPORT" target
expect_status 2 "$XPORT" target lst
expect_contains "$OUT" "did you mean 'list'"
expect_status 2 "$XPORT" target show
expect_status 2 "$XPORT" target show x86_64-unknown-genod
expect_contains "$OUT" "did you mean 'x86_64-unknown-genode'"
expect_status 2 "$XPORT" target list --jsn
expect_contains "$OUT" "did you mean '--json'"
expect_status 2 "$XPORT" target diff x86_64-unknown-freebsd
echo "target_cli: ok"
