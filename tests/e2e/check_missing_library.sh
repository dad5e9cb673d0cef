#!/usr/bin/env bash
# A program linked against a library the target's sysroot does not have: `xport check --sysroot`
# names the DT_NEEDED library and where it looked, and passes once the library is there.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/elf_fixtures.bash"
cd "$WORK"
make_stub_sysroot "$WORK/freebsd" x86_64-unknown-freebsd FreeBSD 1302000
mkdir extra
printf 'int extra_answer(void) { return 42; }\n' >extra.c
clang -target x86_64-unknown-freebsd -fPIC -shared -nostdlib -fuse-ld=lld -Wl,-soname,libextra.so.1 \
  extra.c -o extra/libextra.so.1
ln -s libextra.so.1 extra/libextra.so
printf 'int extra_answer(void);\nint main(void) { return extra_answer(); }\n' >main.c
step clang -target x86_64-unknown-freebsd --sysroot="$WORK/freebsd" -fuse-ld=lld main.c -Lextra -lextra -o prog

expect_status 1 "$XPORT" check --target x86_64-unknown-freebsd --sysroot "$WORK/freebsd" prog
echo "$OUT"
expect_contains "$OUT" "error [needed-missing]: needs libextra.so.1 (DT_NEEDED), which is not in the sysroot $WORK/freebsd (searched usr/lib, lib, usr/local/lib)"
expect_not_contains "$OUT" "libc.so.7"

cp extra/libextra.so.1 "$WORK/freebsd/usr/lib/"
expect_status 0 "$XPORT" check --target x86_64-unknown-freebsd --sysroot "$WORK/freebsd" prog
echo "ok"
