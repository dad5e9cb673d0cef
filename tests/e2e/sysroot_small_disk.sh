#!/usr/bin/env bash
# A store on a small filesystem (a 64 MiB tmpfs, mounted in a user and mount namespace of its
# own: no root needed): a tiny import works (the reserve kept free is 5% of the filesystem, at
# most 256 MiB, not 256 MiB at least); media that need more than the free space are refused with
# "not enough free space" and the figures, not as a decompression bomb; a bomb is still a bomb.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
T=${XPORT_TEST_TARGET:-x86_64-unknown-freebsd}
unshare -rm true 2>/dev/null || skip "no user namespaces here (unshare -rm), so no tmpfs without root"

mkdir -p tiny/usr/include && printf 'int x;\n' >tiny/usr/include/x.h
(cd tiny && tar -cf ../tiny.tar usr)
zeros_tar="$XPORT_SOURCE_DIR/tests/e2e/fixtures/zeros_tar.py"
python3 "$zeros_tar" large.tar.xz usr/lib/libz 40 40 # 80 MiB: more than the disk, far less than a bomb's 256 MiB
python3 "$zeros_tar" bomb.tar.xz usr/lib/libz 20 20 20 # 60 MiB from a few KiB, with --max-total-size 16M

cat >inside.sh <<'SH'
set -euo pipefail
source "$XPORT_SOURCE_DIR/tests/e2e/lib.sh"
mount -t tmpfs -o size=64m xport-small "$DISK"
export XPORT_HOME=$DISK/store
trap 'umount "$DISK"; rm -rf "$WORK"' EXIT
step echo "a tiny import onto a 64 MiB filesystem"
expect_status 0 "$XPORT" sysroot import "$MEDIA/tiny.tar" --target "$T"
echo "$OUT" | head -1
step echo "media larger than the free space: not enough free space, with the figures"
expect_status 1 "$XPORT" sysroot import "$MEDIA/large.tar.xz" --target "$T" --name large
echo "$OUT"
expect_contains "$OUT" "not enough free space"
expect_contains "$OUT" "less 3.2 MiB kept free"
expect_contains "$OUT" "of 64.0 MiB"
expect_not_contains "$OUT" "decompression bomb"
[ ! -e "$XPORT_HOME/sysroots/large" ] || fail "a refused import left a sysroot"
step echo "the same through sysroot add"
expect_status 1 "$XPORT" sysroot add "$T" "$MEDIA/large.tar.xz"
expect_contains "$OUT" "not enough free space"
step echo "a bomb is still a bomb"
expect_status 1 "$XPORT" sysroot import "$MEDIA/bomb.tar.xz" --target "$T" --name bomb --max-total-size 16M
expect_contains "$OUT" "past 16.0 MiB in all (a decompression bomb?)"
step echo "a nearly full filesystem: the reserve is kept"
head -c $((61 << 20)) /dev/zero >"$DISK/filler"
expect_status 1 "$XPORT" sysroot import "$MEDIA/tiny.tar" --target "$T" --name second
expect_contains "$OUT" "not enough free space"
echo "$OUT"
SH
mkdir -p disk
# The mount namespace is this command's alone: the tmpfs goes with it.
DISK=$WORK/disk MEDIA=$WORK T=$T WORK=$WORK/inside XPORT_SOURCE_DIR=$XPORT_SOURCE_DIR \
  unshare -rm bash inside.sh
echo "ok"
