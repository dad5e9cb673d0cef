#!/usr/bin/env bash
# Genode's loader rejected R_X86_64_NONE, which Rust's std for FreeBSD contained. An object with
# that relocation (made with the assembler's .reloc directive), inside a static library: `xport
# check --target x86_64-unknown-genode` names the type, the archive member and the section;
# FreeBSD's rtld accepts the type, so the FreeBSD target passes. --only/--ignore filter by code.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
cat >none.s <<'ASM'
.data
.globl table
table:
  .quad 0
  .reloc table, R_X86_64_NONE, 0
ASM
printf 'int helper(void) { return 1; }\n' >helper.c
clang -target x86_64-unknown-freebsd -c none.s -o none.o
clang -target x86_64-unknown-freebsd -O1 -c helper.c -o helper.o
llvm-ar rc libstd.a helper.o none.o

expect_status 1 "$XPORT" check --target x86_64-unknown-genode libstd.a
echo "$OUT"
expect_contains "$OUT" "libstd.a(none.o): error [relocation-unsupported]: 1 R_X86_64_NONE relocation in .rela.data (at 0x0): x86_64-unknown-genode's loader does not accept R_X86_64_NONE"
expect_not_contains "$OUT" "libstd.a(helper.o)"
expect_status 0 "$XPORT" check --target x86_64-unknown-freebsd libstd.a

expect_status 0 "$XPORT" check --target x86_64-unknown-genode --ignore relocation-unsupported libstd.a
expect_status 1 "$XPORT" check --target x86_64-unknown-genode --only relocation-unsupported --json libstd.a
expect_contains "$OUT" '"member": "none.o"'
expect_status 2 "$XPORT" check --target x86_64-unknown-genode --only relocation-unsuported libstd.a
expect_contains "$OUT" "did you mean 'relocation-unsupported'"
echo "ok"
