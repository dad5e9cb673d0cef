#!/usr/bin/env bash
# A shared object whose code needs patching at load time (an absolute address in .text, linked
# with -z notext): `xport check` warns with the text-relocation code and still exits 0, since a
# warning is not an error; --json marks its severity.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
cat >abs.s <<'ASM'
.text
.globl address_of_g
address_of_g:
  movabs $g, %rax
  ret
ASM
clang -target x86_64-unknown-freebsd -c abs.s -o abs.o
step ld.lld -shared -z notext abs.o -o libabs.so
expect_status 0 "$XPORT" check --target x86_64-unknown-freebsd libabs.so
echo "$OUT"
expect_contains "$OUT" "libabs.so: warning [text-relocation]: has text relocations (DT_TEXTREL/DF_TEXTREL)"
expect_status 0 "$XPORT" check --target x86_64-unknown-freebsd --json libabs.so
expect_contains "$OUT" '"severity": "warning"'
expect_status 0 "$XPORT" inspect --json libabs.so
expect_contains "$OUT" '"textrel": true'
echo "ok"
