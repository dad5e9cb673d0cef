#!/usr/bin/env bash
# The aarch64 sysroot from real Debian packages (the -arm64-cross family, which installs under
# usr/aarch64-linux-gnu/ and usr/lib/gcc-cross/): several .deb media merge into one sysroot, the
# layout is recognised, clang links a C and a C++ hello world against it with only the folders
# `xport sysroot show --json` names, and both run under qemu-aarch64.
source "$(dirname "$0")/lib.sh"
command -v qemu-aarch64 >/dev/null || skip "qemu-aarch64 is not installed"

fetch_debs $WORK/debs libc6-arm64-cross libc6-dev-arm64-cross linux-libc-dev-arm64-cross \
  libgcc-12-dev-arm64-cross libgcc-s1-arm64-cross libstdc++-12-dev-arm64-cross \
  libstdc++6-arm64-cross

expect_status 0 $XPORT sysroot import $WORK/debs/*.deb --target aarch64-unknown-linux-gnu --name arm64
echo "$OUT"
ROOT=$XPORT_HOME/sysroots/arm64/root

step echo "the sysroot part only: no documentation, no gdb scripts"
[ ! -e $ROOT/usr/share/doc ] || fail "usr/share/doc was taken"
for f in usr/aarch64-linux-gnu/lib/libc.so.6 usr/aarch64-linux-gnu/lib/libc.so \
  usr/aarch64-linux-gnu/lib/crt1.o usr/aarch64-linux-gnu/include/stdio.h \
  usr/aarch64-linux-gnu/include/linux/types.h usr/lib/gcc-cross/aarch64-linux-gnu/12/crtbegin.o \
  usr/lib/gcc-cross/aarch64-linux-gnu/12/libgcc.a usr/aarch64-linux-gnu/include/c++/12/vector \
  usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1; do
  [ -e $ROOT/$f ] || fail "$f is missing"
done

step echo "show lists the layout and every medium"
expect_status 0 $XPORT sysroot show arm64
echo "$OUT"
expect_contains "$OUT" "layout:          debian-cross (aarch64-linux-gnu)"
expect_contains "$OUT" "gcc dir:       usr/lib/gcc-cross/aarch64-linux-gnu/12"
expect_contains "$OUT" "runtime root:  usr/aarch64-linux-gnu"
for p in libc6-arm64-cross libc6-dev-arm64-cross linux-libc-dev-arm64-cross libgcc-12-dev-arm64-cross \
  libgcc-s1-arm64-cross libstdc++-12-dev-arm64-cross libstdc++6-arm64-cross; do
  expect_contains "$OUT" "/${p}_"
done
expect_contains "$OUT" "deb: data.tar.xz"
expect_contains "$OUT" "usr/aarch64-linux-gnu/lib/libc.so (unmodified"

step echo "flags from the recorded layout only"
$XPORT sysroot show arm64 --json >$WORK/arm64.json
flags=$(python3 - $WORK/arm64.json $ROOT <<'PY'
import json, sys
m = json.load(open(sys.argv[1])); root = sys.argv[2]; l = m["layout"]
out = ["-B" + root + "/" + d for d in l["startfile_dirs"]]
out += ["-L" + root + "/" + d for d in l["library_dirs"]]
print(" ".join(out))
PY
)
echo "layout flags: $flags"
printf '#include <stdio.h>\nint main(void){ puts("hello from aarch64"); return 0; }\n' >$WORK/hello.c
step clang -target aarch64-linux-gnu --sysroot=$ROOT -fuse-ld=lld $flags $WORK/hello.c -o $WORK/hello
runtime=$ROOT/$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["layout"]["runtime_root"])' $WORK/arm64.json)
expect_status 0 qemu-aarch64 -L $runtime $WORK/hello
expect_contains "$OUT" "hello from aarch64"

printf '#include <iostream>\nint main(){ std::cout << "c++ on aarch64" << std::endl; }\n' >$WORK/hello.cc
step clang++ -target aarch64-linux-gnu --sysroot=$ROOT -fuse-ld=lld $flags $WORK/hello.cc -o $WORK/hellocc
expect_status 0 qemu-aarch64 -L $runtime $WORK/hellocc
expect_contains "$OUT" "c++ on aarch64"

step echo "verify finds the sysroot intact, then a tampered file"
expect_status 0 $XPORT sysroot verify arm64
echo junk >>$ROOT/usr/aarch64-linux-gnu/include/stdio.h
expect_status 1 $XPORT sysroot verify arm64
expect_contains "$OUT" "changed: usr/aarch64-linux-gnu/include/stdio.h"
echo "ok"
