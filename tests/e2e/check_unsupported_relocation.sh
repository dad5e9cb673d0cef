#!/usr/bin/env bash
# Genode's loader rejected R_X86_64_NONE, which Rust's std for FreeBSD contained. A project's
# profile for such a loader derives from x86_64-unknown-genode and removes the type from the
# accepted relocations (as docs/profiles.md shows). An object with that relocation (made with the
# assembler's .reloc directive), inside a static library: `xport check` for that profile names the
# type, the archive member and the section; FreeBSD's rtld accepts the type, so FreeBSD and the
# plain Genode profile pass. --only/--ignore filter by code.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
mkdir -p xport/targets # the project's own profiles, found from the working folder
cat >xport/targets/x86_64-genode-strict.toml <<'TOML'
name = "x86_64-genode-strict"
inherits = "x86_64-unknown-genode"
description = "Genode with a loader that rejects R_X86_64_NONE"
loader-relocations = { remove = ["R_X86_64_NONE"] }
TOML
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

expect_status 1 "$XPORT" check --target x86_64-genode-strict libstd.a
echo "$OUT"
expect_contains "$OUT" "libstd.a(none.o): error [relocation-unsupported]: 1 R_X86_64_NONE relocation in .rela.data (at 0x0): x86_64-genode-strict's loader does not accept R_X86_64_NONE"
expect_not_contains "$OUT" "libstd.a(helper.o)"
expect_status 0 "$XPORT" check --target x86_64-unknown-freebsd libstd.a
expect_status 0 "$XPORT" check --target x86_64-unknown-genode libstd.a

expect_status 0 "$XPORT" check --target x86_64-genode-strict --ignore relocation-unsupported libstd.a
expect_status 1 "$XPORT" check --target x86_64-genode-strict --only relocation-unsupported --json libstd.a
expect_contains "$OUT" '"member": "none.o"'
expect_status 2 "$XPORT" check --target x86_64-genode-strict --only relocation-unsuported libstd.a
expect_contains "$OUT" "did you mean 'relocation-unsupported'"
echo "ok"
