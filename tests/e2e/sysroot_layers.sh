#!/usr/bin/env bash
# Layers and one copy of each file, on FreeBSD 13.2's real base.txz:
# - `xport sysroot add` layers a FreeBSD package (a .pkg made here as pkg(8) makes them: an
#   xz-compressed tar with +COMPACT_MANIFEST and +MANIFEST, files under /usr/local) onto the
#   sysroot, atomically; the layout then searches usr/local; a program links against the layered
#   library with xport cc and checks clean against it; show lists the layers, verify covers them;
# - a layer that fails (a hostile member) leaves the sysroot as it was;
# - the same base imported for two targets takes about one base's space, and removing one leaves
#   the other verifying.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
base=$(real_media freebsd-13.2-amd64-base.txz)
T=x86_64-unknown-freebsd
step "$XPORT" sysroot import "$base" --target "$T" >/dev/null
one=$(du -sm "$XPORT_HOME" | cut -f1)

# The package: libgreet, built for FreeBSD with xport cc against the base.
mkdir -p pkg/usr/local/include pkg/usr/local/lib
printf 'const char *greet(void);\n' >pkg/usr/local/include/greet.h
printf 'const char *greet(void) { return "hello from a package"; }\n' >greet.c
step "$XPORT" cc --target "$T" -fPIC -shared -Wl,-soname,libgreet.so.1 greet.c \
  -o pkg/usr/local/lib/libgreet.so.1
ln -s libgreet.so.1 pkg/usr/local/lib/libgreet.so
mkdir -p pkg/usr/local/libdata/pkgconfig
printf 'prefix=/usr/local\nName: greet\nDescription: greetings\nVersion: 1.0\nLibs: -L${prefix}/lib -lgreet\nCflags: -I${prefix}/include\n' \
  >pkg/usr/local/libdata/pkgconfig/greet.pc
cat >pkg/+COMPACT_MANIFEST <<'M'
{"name":"greet","origin":"devel/greet","version":"1.0","comment":"greetings","maintainer":"x@example.org","www":"https://example.org","abi":"FreeBSD:13:amd64","arch":"freebsd:13:x86:64","prefix":"/usr/local","flatsize":1,"licenselogic":"single","desc":"greetings"}
M
cp pkg/+COMPACT_MANIFEST pkg/+MANIFEST
python3 - <<'PY'
import os, tarfile
with tarfile.open("greet-1.0.pkg", "w:xz") as pkg:
    for meta in ("+COMPACT_MANIFEST", "+MANIFEST"):
        pkg.add("pkg/" + meta, arcname=meta)
    for path in ("usr/local/include/greet.h", "usr/local/lib/libgreet.so.1", "usr/local/lib/libgreet.so",
                 "usr/local/libdata/pkgconfig/greet.pc"):
        info = pkg.gettarinfo("pkg/" + path)
        info.name = "/" + path  # pkg(8) names files by absolute path
        with open("pkg/" + path, "rb") as data:
            pkg.addfile(info, data if info.isfile() else None)
PY
python3 -c 'import sys, tarfile; sys.exit("/usr/local/lib/libgreet.so.1" not in tarfile.open("greet-1.0.pkg").getnames())' ||
  fail "the package does not name its files by absolute path, as pkg(8)'s do"

cat >main.c <<'C'
#include <greet.h>
#include <stdio.h>
int main(void) { puts(greet()); return 0; }
C
expect_status 1 "$XPORT" cc --target "$T" main.c -lgreet -o prog
expect_contains "$OUT" "greet.h"

step "$XPORT" sysroot add "$T" greet-1.0.pkg
expect_status 0 "$XPORT" sysroot show "$T"
expect_contains "$OUT" "layers:"
expect_contains "$OUT" "2 added"
expect_contains "$OUT" "greet-1.0.pkg"
expect_contains "$OUT" "FreeBSD package: "
expect_contains "$OUT" "usr/local/include"
expect_contains "$OUT" "usr/local/lib"
[ -f "$XPORT_HOME/sysroots/$T/root/usr/local/libdata/pkgconfig/greet.pc" ] ||
  fail "the package's pkg-config file was not taken"
step "$XPORT" cc --target "$T" main.c -lgreet -o prog
expect_status 0 "$XPORT" check --target "$T" prog
expect_not_contains "$OUT" "needed-missing"
expect_status 0 "$XPORT" sysroot verify "$T"
expect_contains "$OUT" "0 changed, 0 missing, 0 extra"

# A layer with a member that leaves the sysroot: refused, and the sysroot is as it was.
before=$("$XPORT" sysroot show "$T" --json | sha256sum)
mkdir -p evil/usr/local/lib && ln -s ../../../../../../etc/passwd evil/usr/local/lib/libescape.so
printf 'x' >evil/usr/local/lib/libevil.so
(cd evil && tar -cJf ../evil.pkg usr)
expect_status 1 "$XPORT" sysroot add "$T" evil.pkg
expect_contains "$OUT" "evil.pkg"
expect_contains "$OUT" "leaves the sysroot"
[ "$("$XPORT" sysroot show "$T" --json | sha256sum)" = "$before" ] || fail "a failed layer changed the sysroot"
[ ! -e "$XPORT_HOME/sysroots/$T/root/usr/local/lib/libevil.so" ] || fail "a failed layer left a file"
expect_status 0 "$XPORT" sysroot verify "$T"

# One copy of each file: the Genode sysroot from the same base adds almost nothing.
step "$XPORT" sysroot import "$base" --target x86_64-unknown-genode >/dev/null
two=$(du -sm "$XPORT_HOME" | cut -f1)
echo "store: $one MiB with one base, $two MiB with two"
[ "$two" -lt $((one + one / 10)) ] || fail "two imports of one base take $two MiB, one took $one MiB"
step "$XPORT" sysroot rm "$T"
expect_status 0 "$XPORT" sysroot verify x86_64-unknown-genode
expect_contains "$OUT" "0 changed, 0 missing, 0 extra"
step "$XPORT" sysroot rm x86_64-unknown-genode
[ ! -e "$XPORT_HOME/sysroots/.files" ] ||
  fail "$(find "$XPORT_HOME/sysroots/.files" -type f | wc -l) files left in the store's file area after every sysroot was removed"
echo "ok"
