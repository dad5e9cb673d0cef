#!/usr/bin/env bash
# xport check on what a port really produces, with the sysroot xport cc linked against:
# - a Debian cross sysroot (libraries under usr/aarch64-linux-gnu/lib): the C and C++ runtime
#   libraries are found, and a function glibc 2.36 lacks is caught before qemu dies on it;
# - a build tree: the project's own library found through $ORIGIN, an absolute RUNPATH of this
#   machine, a file named on the same command line, or --lib-dir; a library for another machine
#   in the way is passed over, as the loader does;
# - one cause, one finding: an aarch64 program checked for riscv64.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fixtures/cross.sh"
cd "$WORK"
T=aarch64-unknown-linux-gnu
debian_sysroot arm64 "$T" >/dev/null
write_hello src

# The runtime libraries are where Debian's cross packages put them.
step "$XPORT" c++ --target "$T" src/hello.cpp -o hello
expect_status 0 "$XPORT" check --target "$T" hello
expect_contains "$OUT" "0 findings (0 errors) for $T, libraries and symbols against"
expect_not_contains "$OUT" "needed-missing"

# strlcpy came with glibc 2.38; the sysroot's is 2.36. The link is told to let it through (as a
# stale import library or a hand-written declaration would); check names it, and qemu agrees.
cat >strl.c <<'C'
#include <stddef.h>
size_t strlcpy(char *, const char *, size_t);
int main(void) { char b[8]; return (int)strlcpy(b, "hi", sizeof b) - 2; }
C
step "$XPORT" cc --target "$T" strl.c -Wl,--unresolved-symbols=ignore-all -o strl
expect_status 1 "$XPORT" check --target "$T" strl
expect_contains "$OUT" "error [undefined-symbol]: refers to \`strlcpy\`, which none of its libraries in the sysroot defines"
expect_contains "$OUT" "libc.so.6"
expect_status 127 "$XPORT" run --target "$T" ./strl
expect_contains "$OUT" "symbol lookup error"

# A build tree: libgreet in lib/, programs in bin/ finding it three ways.
mkdir -p tree/lib tree/bin
printf 'const char *greet(void) { return "hi"; }\n' >greet.c
printf '#include <stdio.h>\nconst char *greet(void);\nint main(void) { puts(greet()); return 0; }\n' >main.c
step "$XPORT" cc --target "$T" -fPIC -shared -Wl,-soname,libgreet.so.1 greet.c -o tree/lib/libgreet.so.1
ln -s libgreet.so.1 tree/lib/libgreet.so
step "$XPORT" cc --target "$T" main.c -Ltree/lib -lgreet '-Wl,-rpath,$ORIGIN/../lib' -o tree/bin/origin
step "$XPORT" cc --target "$T" main.c -Ltree/lib -lgreet "-Wl,-rpath,$WORK/tree/lib" -o tree/bin/absolute
step "$XPORT" cc --target "$T" main.c -Ltree/lib -lgreet -o tree/bin/plain

expect_status 0 "$XPORT" check --target "$T" tree/bin/origin
expect_not_contains "$OUT" "needed-missing"
expect_status 0 "$XPORT" check --target "$T" tree/bin/absolute
expect_not_contains "$OUT" "needed-missing"
expect_status 0 "$XPORT" run --target "$T" tree/bin/absolute
expect_contains "$OUT" "hi"

expect_status 1 "$XPORT" check --target "$T" tree/bin/plain
expect_contains "$OUT" "error [needed-missing]: needs libgreet.so.1 (DT_NEEDED)"
expect_contains "$OUT" "usr/aarch64-linux-gnu/lib"
expect_contains "$OUT" "give its folder with --lib-dir"
expect_status 0 "$XPORT" check --target "$T" tree/bin/plain tree/lib/libgreet.so.1
expect_status 0 "$XPORT" check --target "$T" --lib-dir tree/lib tree/bin/plain
expect_status 2 "$XPORT" check --target "$T" --lib-dir tree/nowhere tree/bin/plain
expect_contains "$OUT" "--lib-dir tree/nowhere: no such folder"

# A host (x86_64) libgreet.so.1 first in the way: passed over for the aarch64 one.
mkdir -p hostlib
clang -fPIC -shared -Wl,-soname,libgreet.so.1 greet.c -o hostlib/libgreet.so.1
expect_status 1 "$XPORT" check --target "$T" --lib-dir hostlib tree/bin/plain
expect_contains "$OUT" "passed over $WORK/hostlib/libgreet.so.1, built for another machine"
expect_status 0 "$XPORT" check --target "$T" --lib-dir hostlib --lib-dir tree/lib tree/bin/plain

# The library's own undefined references are judged too, with the library found.
printf 'int nowhere(void);\nconst char *greet(void) { return nowhere() ? "a" : "b"; }\n' >bad.c
step "$XPORT" cc --target "$T" -fPIC -shared -Wl,-soname,libgreet.so.1 bad.c -o tree/lib/libgreet.so.1
expect_status 1 "$XPORT" check --target "$T" tree/lib/libgreet.so.1
expect_contains "$OUT" "refers to \`nowhere\`"

# One cause, one finding: an aarch64 program for riscv64 gets machine-mismatch and nothing else.
expect_status 1 "$XPORT" check --target riscv64-unknown-linux-gnu --sysroot "$T" hello
expect_contains "$OUT" "error [machine-mismatch]: is ARM aarch64 code (e_machine 183, ELF64), but riscv64-unknown-linux-gnu is riscv64"
expect_contains "$OUT" "1 finding (1 error)"
echo "ok"
