#!/usr/bin/env bash
# `xport inspect` against file(1): for generated FreeBSD, DragonFly, NetBSD, OpenBSD and Linux
# binaries carrying ABI notes of several versions, the "for <OS> <version>" text must be file's,
# word for word, and so must the linking, interpreter and build-id facts.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/elf_fixtures.bash"
command -v file >/dev/null || skip "file(1) is not installed"
cd "$WORK"

printf 'void _start(void) { for (;;) {} }\n' >start.c
clang -target x86_64-unknown-linux-gnu -O1 -c start.c -o start.o

# note name, words...  (versions as each OS encodes them)
cases=(
  "FreeBSD 1302000" "FreeBSD 1400097" "FreeBSD 1201000" "FreeBSD 1100122" "FreeBSD 460002"
  "DragonFly 300702" "DragonFly 600400"
  "NetBSD 903000000" "NetBSD 1000000000" "NetBSD 799000400"
  "OpenBSD 0"
  "GNU 0 3 2 0" "GNU 0 2 6 32"
)
i=0
for c in "${cases[@]}"; do
  read -r -a words <<<"$c"
  abi_note_asm "${words[0]}" 1 "${words[@]:1}" >"note$i.s"
  clang -target x86_64-unknown-linux-gnu -c "note$i.s" -o "note$i.o"
  ld.lld -static --build-id=sha1 start.o "note$i.o" -o "bin$i"
  want=$(file -b "bin$i" | grep -o 'for [^,]*' || true)
  [ -n "$want" ] || fail "file(1) found no OS note in the ${words[0]} fixture"
  OUT=$("$XPORT" inspect "bin$i")
  echo "$OUT"
  expect_contains "$OUT" ", $want," "xport inspect of the ${words[0]} ${words[*]:1} note"
  expect_contains "$OUT" "statically linked"
  expect_contains "$OUT" "$(file -b "bin$i" | grep -o 'BuildID\[sha1\]=[0-9a-f]*')"
  i=$((i + 1))
done

# A dynamically linked FreeBSD program: interpreter and linking as file(1) says.
make_stub_sysroot "$WORK/freebsd" x86_64-unknown-freebsd FreeBSD 1302000
printf 'int main(void) { return 0; }\n' >hello.c
clang -target x86_64-unknown-freebsd --sysroot="$WORK/freebsd" -fuse-ld=lld hello.c -o hello
OUT=$("$XPORT" inspect hello)
expect_contains "$OUT" "dynamically linked, interpreter /libexec/ld-elf.so.1, for FreeBSD 13.2"
expect_contains "$(file -b hello)" "for FreeBSD 13.2"

# --json holds the details: NEEDED, the note, symbol counts.
OUT=$("$XPORT" inspect --json hello)
python3 - "$OUT" <<'PY' || fail "bad --json output"
import json, sys
[h] = json.loads(sys.argv[1])
assert h["needed"] == ["libc.so.7"], h["needed"]
assert h["os_note"]["os"] == "FreeBSD" and h["os_note"]["version"] == "13.2", h["os_note"]
assert h["interpreter"] == "/libexec/ld-elf.so.1"
assert h["symbols"]["dynsym_undefined"] >= 1
PY
echo "ok"
