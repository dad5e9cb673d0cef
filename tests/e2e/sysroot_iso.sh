#!/usr/bin/env bash
# An OS-like ISO 9660 image (Rock Ridge + Joliet, built here with xorriso) imported as a
# DragonFly sysroot: only headers, crt objects, libraries and the dynamic linker come out, file by
# file identical to the tree the image was made from, links made relative, and boot/, usr/bin/
# and the large data files left in the image. A program then links against the sysroot.
source "$(dirname "$0")/lib.sh"
command -v xorriso >/dev/null || skip "xorriso is not installed"

T=$WORK/tree
mkdir -p $T/usr/include/sys $T/usr/lib/gcc80 $T/lib $T/usr/libexec $T/boot/kernel $T/usr/bin \
  $T/usr/share/misc $T/usr/lib/debug
cat >$T/usr/include/stdio.h <<'H'
int puts(const char *);
H
echo '#define _SYS_TYPES_H_' >$T/usr/include/sys/types.h
chmod 0640 $T/usr/include/sys/types.h
# Real objects for the target, so the sysroot can be linked against.
cc_df() { clang -target x86_64-pc-dragonfly-elf -fno-pic -ffreestanding -nostdinc "$@"; }
echo 'void _start(void){extern int main(void); main(); for(;;);}' | cc_df -c -x c - -o $T/usr/lib/crt1.o
for f in crti crtn; do echo "int $f;" | cc_df -c -x c - -o $T/usr/lib/$f.o; done
for f in crtbegin crtend; do echo "int $f;" | cc_df -c -x c - -o $T/usr/lib/gcc80/$f.o; done
echo 'int puts(const char *s){return 0;}' | cc_df -fPIC -c -x c - -o $WORK/libc.o
ld.lld -shared -soname libc.so.8 $WORK/libc.o -o $T/lib/libc.so.8
ln -s /lib/libc.so.8 $T/usr/lib/libc.so
llvm-ar-14 rc $T/usr/lib/gcc80/libgcc.a $WORK/libc.o
cp $T/usr/lib/gcc80/libgcc.a $T/usr/lib/libc.a
ln $T/usr/lib/libc.a $T/usr/lib/libc_pic.a
cp $T/lib/libc.so.8 $T/usr/lib/gcc80/libgcc_pic.so
printf 'ld-elf' >$T/usr/libexec/ld-elf.so.2
# What an OS image has besides: a kernel, programs, data, debug files.
head -c 24M /dev/urandom >$T/boot/kernel/kernel
printf '#!/bin/sh\n' >$T/usr/bin/cc
head -c 16M /dev/urandom >$T/usr/share/misc/big.dat
head -c 4M /dev/urandom >$T/usr/lib/debug/libc.so.8.debug

step xorriso -as mkisofs -quiet -R -J -V DFLY -o $WORK/dfly.iso $T

expect_status 0 $XPORT sysroot import $WORK/dfly.iso --target x86_64-unknown-dragonfly
echo "$OUT"
ROOT=$XPORT_HOME/sysroots/x86_64-unknown-dragonfly/root

step echo "compare the sysroot with the tree, file by file"
expected="lib/libc.so.8 usr/include/stdio.h usr/include/sys/types.h usr/lib/crt1.o usr/lib/crti.o
usr/lib/crtn.o usr/lib/gcc80/crtbegin.o usr/lib/gcc80/crtend.o usr/lib/gcc80/libgcc.a
usr/lib/gcc80/libgcc_pic.so usr/lib/libc.a usr/lib/libc_pic.a usr/libexec/ld-elf.so.2"
for f in $expected; do
  [ -f "$ROOT/$f" ] || fail "$f is missing from the sysroot"
  cmp -s "$T/$f" "$ROOT/$f" || fail "$f differs from the image's"
done
[ "$(readlink $ROOT/usr/lib/libc.so)" = "../../lib/libc.so.8" ] ||
  fail "usr/lib/libc.so -> $(readlink $ROOT/usr/lib/libc.so), expected ../../lib/libc.so.8"
[ "$(stat -c %i $ROOT/usr/lib/libc.a)" = "$(stat -c %i $ROOT/usr/lib/libc_pic.a)" ] ||
  fail "the hardlink libc_pic.a = libc.a was not kept"
[ "$(stat -c %a $ROOT/usr/include/sys/types.h)" = 640 ] || fail "Rock Ridge permissions were lost"
actual=$(cd $ROOT && find . -type f -o -type l | sed 's|^\./||' | sort | tr '\n' ' ')
want=$(echo $expected usr/lib/libc.so | tr ' ' '\n' | sort | tr '\n' ' ')
[ "$actual" = "$want" ] || fail "the sysroot holds: $actual; expected: $want"
size=$(du -sk $ROOT | cut -f1)
[ "$size" -lt 1024 ] || fail "the sysroot takes ${size} KiB; the image's boot/, usr/bin/ and data were taken"

step echo "show, list, verify"
expect_status 0 $XPORT sysroot show x86_64-unknown-dragonfly
expect_contains "$OUT" "layout:          plain"
expect_contains "$OUT" "gcc dir:       usr/lib/gcc80"
expect_contains "$OUT" "dfly.iso"
expect_contains "$OUT" "ISO9660"
expect_status 0 $XPORT sysroot list --json
expect_contains "$OUT" '"name": "x86_64-unknown-dragonfly"'
expect_status 0 $XPORT sysroot verify x86_64-unknown-dragonfly
expect_contains "$OUT" "0 changed, 0 missing, 0 extra"

step echo "link a program against it, as the DragonFly recipe does with -B/-L"
echo 'int puts(const char*); int main(void){ return puts("hi"); }' >$WORK/hello.c
step clang -target x86_64-pc-dragonfly-elf --sysroot=$ROOT -fuse-ld=lld -fno-pic \
  -B$ROOT/usr/lib -B$ROOT/usr/lib/gcc80 -L$ROOT/usr/lib -L$ROOT/usr/lib/gcc80 \
  $WORK/hello.c -o $WORK/hello
file $WORK/hello | grep -q 'ELF 64-bit' || fail "no ELF program was linked"
readelf -d $WORK/hello | grep -q 'libc.so.8' || fail "the program does not need libc.so.8"

step echo "--all takes the whole image"
expect_status 0 $XPORT sysroot import $WORK/dfly.iso --target x86_64-unknown-dragonfly --name whole --all
[ -f $XPORT_HOME/sysroots/whole/root/boot/kernel/kernel ] || fail "--all did not take boot/"
echo "ok"
