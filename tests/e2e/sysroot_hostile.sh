#!/usr/bin/env bash
# Hostile and broken media, each made here: every one is refused with an error that names the
# medium and the member, nothing appears outside the store, and the store holds no sysroot and no
# temporary folder afterwards. Set-uid/set-gid bits are the exception: cleared, with a warning.
source "$(dirname "$0")/lib.sh"
mkdir -p $WORK/m
OUTSIDE=$WORK/outside

# tar_with NAME.tar[.gz|.xz] 'python statements using add(...)'
tar_with() {
  python3 - "$WORK/m/$1" "$2" <<'PY'
import io, sys, tarfile
path, body = sys.argv[1], sys.argv[2]
mode = "w:gz" if path.endswith(".gz") else "w:xz" if path.endswith(".xz") else "w"
with tarfile.open(path, mode) as t:
    def add(name, kind=tarfile.REGTYPE, data=b"x", link="", mode=0o644):
        info = tarfile.TarInfo(name); info.type = kind; info.mode = mode; info.linkname = link
        info.size = len(data) if kind == tarfile.REGTYPE else 0
        t.addfile(info, io.BytesIO(data) if kind == tarfile.REGTYPE else None)
    def add_zeros(name, size):
        class Zeros(io.RawIOBase):
            def __init__(self): self.left = size
            def readable(self): return True
            def readinto(self, b):
                n = min(len(b), self.left); b[:n] = bytes(n); self.left -= n; return n
        info = tarfile.TarInfo(name); info.size = size
        t.addfile(info, io.BufferedReader(Zeros(), 1 << 20))
    exec(body)
PY
}

# The store must hold nothing but lock files, and nothing may exist outside it.
store_is_clean() {
  local left
  left=$(ls -A $XPORT_HOME/sysroots | grep -v '\.lock$' || true)
  [ -z "$left" ] || fail "the store holds '$left' after a refused import"
  [ ! -e $OUTSIDE ] || fail "$OUTSIDE was written"
  [ ! -e /tmp/xport-hostile-$$ ] || fail "/tmp/xport-hostile-$$ was written"
}

# refused MEDIUM MEMBER-TEXT REASON-TEXT [import options]
refused() {
  local medium=$1 member=$2 reason=$3
  shift 3
  expect_status 1 $XPORT sysroot import $WORK/m/$medium --target x86_64-unknown-freebsd "$@"
  echo "$OUT"
  expect_contains "$OUT" "medium '$WORK/m/$medium'"
  [ -z "$member" ] || expect_contains "$OUT" "member '$member'"
  expect_contains "$OUT" "$reason"
  store_is_clean
}

step echo "member names with .. and absolute paths"
tar_with dotdot.tar 'add("usr/include/ok.h"); add("usr/include/../../outside/evil.h")'
refused dotdot.tar "usr/include/../../outside/evil.h" "'..'"
tar_with absolute.tar "add('usr/include/ok.h'); add('/tmp/xport-hostile-$$')"
refused absolute.tar "/tmp/xport-hostile-$$" "absolute path"

step echo "a symlink out of the root, then a file written through it"
tar_with symlink-out.tar "add('usr/include/sys', tarfile.SYMTYPE, link='../../../outside'); add('usr/include/sys/evil.h')"
refused symlink-out.tar "usr/include/sys" "points outside the sysroot"
tar_with symlink-abs.tar "add('usr/lib/libc.so', tarfile.SYMTYPE, link='/../../../../outside'); add('usr/lib/libc.so/x.o')"
refused symlink-abs.tar "usr/lib/libc.so" "points outside the sysroot"

step echo "hardlinks to outside"
tar_with hardlink-out.tar "add('usr/lib/libc.a', tarfile.LNKTYPE, link='../../../outside/passwd')"
refused hardlink-out.tar "usr/lib/libc.a" "hardlink target"
tar_with hardlink-abs.tar "add('usr/lib/libc.a', tarfile.LNKTYPE, link='/etc/passwd')"
refused hardlink-abs.tar "usr/lib/libc.a" "absolute path"

step echo "device nodes and FIFOs"
tar_with device.tar "add('usr/include/ok.h'); add('usr/lib/libc.so.7', tarfile.CHRTYPE)"
refused device.tar "usr/lib/libc.so.7" "character device"
tar_with fifo.tar "add('usr/include/ok.h'); add('usr/include/pipe', tarfile.FIFOTYPE)"
refused fifo.tar "usr/include/pipe" "FIFO"

step echo "a decompression bomb: 64 MiB of zeros in a small .tar.xz, over a 16M limit"
tar_with bomb.tar.xz "add_zeros('usr/lib/libbomb.a', 64 << 20)"
[ $(stat -c %s $WORK/m/bomb.tar.xz) -lt 100000 ] || fail "the bomb is not small"
refused bomb.tar.xz "usr/lib/libbomb.a" "--max-member-size" --max-member-size 16M
step echo "the user can raise the limit"
expect_status 0 $XPORT sysroot import $WORK/m/bomb.tar.xz --target x86_64-unknown-freebsd --max-member-size 128M
$XPORT sysroot rm x86_64-unknown-freebsd >/dev/null

step echo "many members, each under the member limit, that expand past the total: refused by default"
tar_with bombs.tar.xz "for i in range(5): add_zeros('usr/lib/libbomb%d.a' % i, 80 << 20)"
[ $(stat -c %s $WORK/m/bombs.tar.xz) -lt 200000 ] || fail "the bombs are not small"
refused bombs.tar.xz "usr/lib/libbomb3.a" "would take the media past 256.0 MiB in all (a decompression bomb?); nothing was kept"
expect_contains "$OUT" "--max-total-size"
refused bombs.tar.xz "usr/lib/libbomb1.a" "past 100.0 MiB in all" --max-total-size 100M
step echo "the user can raise it"
expect_status 0 $XPORT sysroot import $WORK/m/bombs.tar.xz --target x86_64-unknown-freebsd --max-total-size 1G
$XPORT sysroot rm x86_64-unknown-freebsd >/dev/null

step echo "out of space (a 2 MiB file-size limit): a clear error, and the store as it was"
tar_with big.tar.gz "add_zeros('usr/lib/libbig.a', 8 << 20)"
expect_status 1 bash -c "ulimit -f 2048; exec $XPORT sysroot import $WORK/m/big.tar.gz --target x86_64-unknown-freebsd"
echo "$OUT"
expect_contains "$OUT" "member 'usr/lib/libbig.a': cannot write it into the sysroot: File too large"
expect_contains "$OUT" "nothing was kept"
store_is_clean

step echo "truncated and corrupt archives"
tar_with good.tar.gz "for i in range(50): add('usr/include/h%d.h' % i, data=bytes(range(256)) * 64)"
head -c $(($(stat -c %s $WORK/m/good.tar.gz) / 2)) $WORK/m/good.tar.gz >$WORK/m/truncated.tar.gz
refused truncated.tar.gz "" "truncated or corrupt"
tar_with good.tar "for i in range(20): add('usr/include/h%d.h' % i, data=b'x' * 3000)"
python3 -c "
import sys; b = bytearray(open(sys.argv[1], 'rb').read())
for i in range(3584 + 100, 3584 + 300): b[i] = 0x41  # the second member's header
open(sys.argv[2], 'wb').write(b)" $WORK/m/good.tar $WORK/m/corrupt.tar
refused corrupt.tar "" "truncated or corrupt"
tar_with good.tar.xz "for i in range(20): add('usr/include/h%d.h' % i, data=bytes(range(256)) * 40)"
python3 -c "
import sys; b = bytearray(open(sys.argv[1], 'rb').read())
for i in range(len(b) // 2, len(b) // 2 + 16): b[i] ^= 0x55
open(sys.argv[2], 'wb').write(b)" $WORK/m/good.tar.xz $WORK/m/corrupt.tar.xz
refused corrupt.tar.xz "" "truncated or corrupt"

step echo "an ISO with a bad directory record"
if command -v xorriso >/dev/null; then
  mkdir -p $WORK/isotree/usr/include $WORK/isotree/usr/lib
  echo 'int x;' >$WORK/isotree/usr/include/x.h
  xorriso -as mkisofs -quiet -R -o $WORK/m/good.iso $WORK/isotree
  python3 - $WORK/m/good.iso $WORK/m/bad-record.iso <<'PY'
import struct, sys
b = bytearray(open(sys.argv[1], "rb").read())
pvd = 16 * 2048
root_lba = struct.unpack_from("<I", b, pvd + 156 + 2)[0]
off = root_lba * 2048
# Walk the root's records to the one for USR and point its extent far past the image's end.
while b[off]:
    length, name_len = b[off], b[off + 32]
    if bytes(b[off + 33:off + 33 + name_len]) == b"USR":
        struct.pack_into("<I", b, off + 2, 0x7fffff)
        struct.pack_into(">I", b, off + 6, 0x7fffff)
        break
    off += length
else:
    sys.exit("no USR record")
open(sys.argv[2], "wb").write(b)
PY
  refused bad-record.iso "" "corrupt"
else
  echo "(xorriso missing: ISO case not run)"
fi

step echo "empty media"
: >$WORK/m/empty.tar
refused empty.tar "" "empty"
tar_with no-members.tar ""
refused no-members.tar "" "empty"
mkdir -p $WORK/m/empty-folder
refused empty-folder "" "empty"

step echo "a .deb without data"
python3 - $WORK/m/nodata.deb <<'PY'
import sys
def member(name, data):
    head = b"%-16s%-12s%-6s%-6s%-8s%-10s`\n" % (name.encode(), b"0", b"0", b"0", b"100644", str(len(data)).encode())
    return head + data + (b"\n" if len(data) % 2 else b"")
open(sys.argv[1], "wb").write(b"!<arch>\n" + member("debian-binary", b"2.0\n") + member("control.tar.xz", b"\xfd7zXZ\x00junk"))
PY
refused nodata.deb "" "no data.tar"

step echo "a .deb with two data members, the second holding a '..' path: refused, naming both"
python3 - $WORK/m/twodata.deb <<'PY'
import io, sys, tarfile
def tar(name):
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as t:
        info = tarfile.TarInfo(name); info.size = 1
        t.addfile(info, io.BytesIO(b"x"))
    return out.getvalue()
def member(name, data):
    head = b"%-16s%-12s%-6s%-6s%-8s%-10s`\n" % (name.encode(), b"0", b"0", b"0", b"100644", str(len(data)).encode())
    return head + data + (b"\n" if len(data) % 2 else b"")
open(sys.argv[1], "wb").write(b"!<arch>\n" + member("debian-binary", b"2.0\n") + member("control.tar", tar("./control")) +
    member("data.tar", tar("./usr/include/ok.h")) + member("data.tar.gz", tar("./usr/include/../../../outside/evil.h")))
PY
refused twodata.deb "" "two data members, 'data.tar' and 'data.tar.gz'"

step echo "a character device as the medium: refused at once, never read; a pipe the user feeds is read as a stream"
tar_with piped.tar "add('usr/include/piped.h')"
expect_status 0 timeout 20 env XPORT_HOME=$WORK/piped-store $XPORT sysroot import <(cat $WORK/m/piped.tar) \
  --target x86_64-unknown-freebsd --name piped
[ -f "$WORK/piped-store/sysroots/piped/root/usr/include/piped.h" ] || fail "the piped medium was not imported"
expect_status 1 timeout 20 $XPORT sysroot import /dev/zero --target x86_64-unknown-freebsd
expect_contains "$OUT" "medium '/dev/zero': cannot read it: it is a character device"
store_is_clean

step echo "set-uid and set-gid bits are cleared, with a warning"
tar_with setuid.tar "add('usr/lib/libsu.so.1', mode=0o4755); add('usr/lib/libsg.so.1', mode=0o2755)"
expect_status 0 $XPORT sysroot import $WORK/m/setuid.tar --target x86_64-unknown-freebsd
expect_contains "$OUT" "xport: warning: medium '$WORK/m/setuid.tar', member 'usr/lib/libsu.so.1': set-uid"
ROOT=$XPORT_HOME/sysroots/x86_64-unknown-freebsd/root
[ "$(stat -c %a $ROOT/usr/lib/libsu.so.1)" = 755 ] || fail "set-uid bit kept: $(stat -c %a $ROOT/usr/lib/libsu.so.1)"
[ "$(stat -c %a $ROOT/usr/lib/libsg.so.1)" = 755 ] || fail "set-gid bit kept"
echo "ok"
