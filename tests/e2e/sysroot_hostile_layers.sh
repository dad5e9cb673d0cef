#!/usr/bin/env bash
# Layers (`xport sysroot add`) meet hostile and odd media as imports do, onto a small sysroot
# made here:
# - a set-uid member is neutralised with a warning on stderr, as in an import (not only in the
#   manifest);
# - a FreeBSD package (.pkg) names a hardlink's target by absolute path, as pkg(8) writes them
#   (/usr/local/lib/libfoo.so.1): taken as a path in the package; a target with '..' is refused;
# - --max-total-size is accepted, as the "decompression bomb?" error suggests it.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
T=${XPORT_TEST_TARGET:-x86_64-unknown-freebsd}
ROOT=$XPORT_HOME/sysroots/$T/root

mkdir -p base/usr/include/sys base/usr/lib
echo 'typedef unsigned long size_t;' >base/usr/include/sys/types.h
echo 'stub' >base/usr/lib/libc.so.7
(cd base && tar -cf ../base.tar usr)
step "$XPORT" sysroot import base.tar --target "$T" >/dev/null

# pkg_with NAME.pkg 'python statements using add(...)': a FreeBSD package as pkg-create(8) makes
# it: xz-compressed tar, +COMPACT_MANIFEST and +MANIFEST first, files by absolute path.
pkg_with() {
  python3 - "$1" "$2" <<'PY'
import io, json, sys, tarfile
path, body = sys.argv[1], sys.argv[2]
manifest = json.dumps({"name": "foo", "origin": "devel/foo", "version": "1.0", "prefix": "/usr/local",
                       "abi": "FreeBSD:13:amd64", "flatsize": 1}).encode()
with tarfile.open(path, "w:xz") as t:
    def add(name, kind=tarfile.REGTYPE, data=b"x", link="", mode=0o644):
        info = tarfile.TarInfo(name); info.type = kind; info.mode = mode; info.linkname = link
        info.size = len(data) if kind == tarfile.REGTYPE else 0
        t.addfile(info, io.BytesIO(data) if kind == tarfile.REGTYPE else None)
    add("+COMPACT_MANIFEST", data=manifest)
    add("+MANIFEST", data=manifest)
    exec(body)
PY
}

step echo "a set-uid member in a layer: cleared, with a warning"
pkg_with setuid.pkg "add('/usr/local/lib/libsu.so.1', mode=0o4755)"
expect_status 0 "$XPORT" sysroot add "$T" setuid.pkg
expect_contains "$OUT" "xport: warning: medium 'setuid.pkg', member '/usr/local/lib/libsu.so.1': set-uid"
[ "$(stat -c %a "$ROOT/usr/local/lib/libsu.so.1")" = 755 ] || fail "set-uid bit kept"
json=$("$XPORT" sysroot add "$T" setuid.pkg --json 2>/dev/null)
python3 -c 'import json,sys; w=json.load(sys.stdin)["warnings"]; sys.exit(0 if len(w) == 1 and "set-uid" in w[0] else "warnings: %r" % w)' <<<"$json" ||
  fail "sysroot add --json does not list the layer's warning"

step echo "a package's hardlink names its target by absolute path, as pkg(8) writes it"
pkg_with hardlink.pkg "add('/usr/local/lib/libfoo.so.1', data=b'the library'); add('/usr/local/lib/libfoo.so.1.0', tarfile.LNKTYPE, link='/usr/local/lib/libfoo.so.1')"
python3 -c 'import sys, tarfile; m = tarfile.open("hardlink.pkg").getmember("/usr/local/lib/libfoo.so.1.0"); sys.exit(not (m.islnk() and m.linkname == "/usr/local/lib/libfoo.so.1"))' ||
  fail "the test package's hardlink is not pkg(8)'s shape"
expect_status 0 "$XPORT" sysroot add "$T" hardlink.pkg
[ "$(stat -c %i "$ROOT/usr/local/lib/libfoo.so.1")" = "$(stat -c %i "$ROOT/usr/local/lib/libfoo.so.1.0")" ] ||
  fail "the hardlink is not one file with its target"
[ "$(cat "$ROOT/usr/local/lib/libfoo.so.1.0")" = "the library" ] || fail "the hardlink's data is wrong"
expect_status 0 "$XPORT" sysroot verify "$T"

step echo "a package's hardlink whose target leaves the package: refused, the sysroot as it was"
before=$("$XPORT" sysroot show "$T" --json | sha256sum)
pkg_with hardlink-out.pkg "add('/usr/local/lib/libbar.so.1', tarfile.LNKTYPE, link='/usr/local/lib/../../../../etc/passwd')"
expect_status 1 "$XPORT" sysroot add "$T" hardlink-out.pkg
expect_contains "$OUT" "member '/usr/local/lib/libbar.so.1'"
expect_contains "$OUT" "'..'"
[ "$("$XPORT" sysroot show "$T" --json | sha256sum)" = "$before" ] || fail "a refused layer changed the sysroot"
step echo "outside a package an absolute hardlink target is still refused"
python3 - <<'PY'
import io, tarfile
with tarfile.open("abs-hardlink.tar", "w") as t:
    info = tarfile.TarInfo("usr/lib/libc.a"); info.type = tarfile.LNKTYPE; info.linkname = "/usr/lib/libc.so.7"
    t.addfile(info)
PY
expect_status 1 "$XPORT" sysroot add "$T" abs-hardlink.tar
expect_contains "$OUT" "absolute path"

step echo "sysroot add takes --max-total-size (and --max-member-size), as the bomb error suggests"
python3 "$XPORT_SOURCE_DIR/tests/e2e/fixtures/zeros_tar.py" bomb.tar.xz usr/lib/libbomb 8 8 8
expect_status 1 "$XPORT" sysroot add "$T" bomb.tar.xz --max-total-size 10M
expect_contains "$OUT" "past 10.0 MiB in all (a decompression bomb?)"
expect_contains "$OUT" "--max-total-size"
expect_status 1 "$XPORT" sysroot add "$T" bomb.tar.xz --max-member-size 4M
expect_contains "$OUT" "larger than the 4.0 MiB limit for one member"
expect_status 0 "$XPORT" sysroot add "$T" bomb.tar.xz --max-total-size 32M
[ "$(stat -c %s "$ROOT/usr/lib/libbomb2.a")" = $((8 << 20)) ] || fail "the layer was not added"
echo "ok"
