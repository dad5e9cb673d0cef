#!/usr/bin/env bash
# A FreeBSD-style base.txz (members named ./usr/..., as FreeBSD ships them) made here from stub
# objects compiled for x86_64-unknown-freebsd, with FreeBSD's libc.so linker script
# "GROUP ( /lib/libc.so.7 /usr/lib/libc_nonshared.a ... )". After the import, clang --sysroot with
# lld links a program through that script unmodified: lld finds /lib/libc.so.7 inside the sysroot.
source "$(dirname "$0")/lib.sh"

T=$WORK/base
mkdir -p $T/usr/include $T/usr/lib $T/lib $T/libexec $T/bin $T/usr/share/man/man1
cc_fbsd() { clang -target x86_64-unknown-freebsd13 -ffreestanding -nostdinc "$@"; }
echo 'int puts(const char *);' >$T/usr/include/stdio.h
echo 'void _start(void){extern int main(void); main(); for(;;);}' | cc_fbsd -c -x c - -o $T/usr/lib/crt1.o
cp $T/usr/lib/crt1.o $T/usr/lib/Scrt1.o
for f in crti crtn crtbegin crtend crtbeginS crtendS crtbeginT; do
  echo "int $f;" | cc_fbsd -c -x c - -o $T/usr/lib/$f.o
done
echo 'int puts(const char *s){return 0;}' | cc_fbsd -fPIC -c -x c - -o $WORK/libc.o
ld.lld -shared -soname libc.so.7 $WORK/libc.o -o $T/lib/libc.so.7
echo 'int __libc_nonshared(void){return 0;}' | cc_fbsd -c -x c - -o $WORK/nonshared.o
llvm-ar-14 rc $T/usr/lib/libc_nonshared.a $WORK/nonshared.o
echo 'int __gcc;' | cc_fbsd -fPIC -c -x c - -o $WORK/gcc.o
llvm-ar-14 rc $T/usr/lib/libgcc.a $WORK/gcc.o
ld.lld -shared -soname libgcc_s.so.1 $WORK/gcc.o -o $T/lib/libgcc_s.so.1
ln -s ../../lib/libgcc_s.so.1 $T/usr/lib/libgcc_s.so
cat >$T/usr/lib/libc.so <<'S'
/* This file is a linker script, as FreeBSD's /usr/lib/libc.so is. */
GROUP ( /lib/libc.so.7 /usr/lib/libc_nonshared.a )
S
printf 'ld-elf' >$T/libexec/ld-elf.so.1
printf 'sh' >$T/bin/sh
printf 'man' >$T/usr/share/man/man1/sh.1
(cd $T && tar -cJf $WORK/base.txz ./*)

expect_status 0 $XPORT sysroot import $WORK/base.txz --target x86_64-unknown-freebsd --name fbsd
ROOT=$XPORT_HOME/sysroots/fbsd/root
cmp -s $T/usr/lib/libc.so $ROOT/usr/lib/libc.so || fail "the linker script was changed"
[ -f $ROOT/libexec/ld-elf.so.1 ] || fail "the dynamic linker was not taken"
[ ! -e $ROOT/bin/sh ] && [ ! -e $ROOT/usr/share/man ] || fail "programs or manuals were taken"
expect_status 0 $XPORT sysroot show fbsd
expect_contains "$OUT" "usr/lib/libc.so (unmodified"
expect_contains "$OUT" "xz"

step echo "link through the libc.so script with lld and --sysroot"
echo 'int puts(const char*); int __libc_nonshared(void);
int main(void){ return puts("hi") + __libc_nonshared(); }' >$WORK/hello.c
step clang -target x86_64-unknown-freebsd13 --sysroot=$ROOT -fuse-ld=lld $WORK/hello.c \
  -o $WORK/hello -Wl,--trace >$WORK/trace.txt
cat $WORK/trace.txt
grep -qx "$ROOT/lib/libc.so.7" $WORK/trace.txt || fail "lld did not read libc.so.7 from the sysroot"
grep -qF "$ROOT/usr/lib/libc_nonshared.a(" $WORK/trace.txt || fail "lld did not read libc_nonshared.a"
file $WORK/hello | grep -q 'FreeBSD' || fail "not a FreeBSD program: $(file $WORK/hello)"
readelf -d $WORK/hello | grep -q 'Shared library: \[libc.so.7\]' || fail "the program does not need libc.so.7"
echo "ok"
