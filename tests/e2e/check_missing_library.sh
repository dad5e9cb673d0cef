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
expect_contains "$OUT" "error [needed-missing]: needs libextra.so.1 (DT_NEEDED), which is not in the sysroot $WORK/freebsd (searched usr/lib)"
expect_not_contains "$OUT" "libc.so.7"

expect_contains "$OUT" "or link without -lextra"

# A NEEDED name shorter than "lib" (a soname of one letter) is named as it is.
mkdir short
clang -target x86_64-unknown-freebsd -fPIC -shared -nostdlib -fuse-ld=lld -Wl,-soname,q \
  extra.c -o short/q
step clang -target x86_64-unknown-freebsd --sysroot="$WORK/freebsd" -fuse-ld=lld main.c short/q -o prog-q
expect_status 1 "$XPORT" check --target x86_64-unknown-freebsd --sysroot "$WORK/freebsd" prog-q
expect_contains "$OUT" "error [needed-missing]: needs q (DT_NEEDED)"
expect_contains "$OUT" "or link without q"
expect_not_contains "$OUT" "internal error"

# Without --sysroot, check uses the sysroot xport cc would: the store's, named like the target.
expect_status 0 "$XPORT" check --target x86_64-unknown-freebsd prog
expect_contains "$OUT" "libraries and symbols not checked: no sysroot in the store '$XPORT_HOME' (no $XPORT_HOME/sysroots/x86_64-unknown-freebsd) (import one as 'x86_64-unknown-freebsd' or pass --sysroot)"
step "$XPORT" sysroot import "$WORK/freebsd" --target x86_64-unknown-freebsd >/dev/null
expect_status 1 "$XPORT" check --target x86_64-unknown-freebsd prog
expect_contains "$OUT" "error [needed-missing]: needs libextra.so.1 (DT_NEEDED)"
expect_contains "$OUT" "libraries and symbols against $XPORT_HOME/sysroots/x86_64-unknown-freebsd/root"

cp extra/libextra.so.1 "$WORK/freebsd/usr/lib/"
expect_status 0 "$XPORT" check --target x86_64-unknown-freebsd --sysroot "$WORK/freebsd" prog
echo "ok"
