#!/usr/bin/env bash
# `xport sysroot fetch` against a hostile or broken mirror on 127.0.0.1 (mirror_server.py's modes):
# an endless checksum list and an endless medium stop at their size caps and leave nothing behind,
# a medium announcing 16 GiB is refused before a byte is written, a trickling server meets the
# deadline, an HTML page served once for a list is not kept (nor one cached before), a list that
# offers MD5 where the OS publishes SHA512 is refused, and a store that cannot be written gives
# an error naming the folder.
source "$(dirname "$0")/lib.sh"

M=$WORK/mirror
S=$M/netbsd/NetBSD-10.1/amd64/binary/sets
step echo "NetBSD-shaped sets and their SHA512, under several mirror names that misbehave apart"
mkdir -p $WORK/tree/usr/include $WORK/tree/usr/lib $S
printf '#pragma once\nint puts(const char *);\n' >$WORK/tree/usr/include/stdio.h
head -c 300000 /dev/urandom >$WORK/tree/usr/lib/libbig.a
tar -C $WORK/tree -cJf $S/base.tar.xz ./usr/lib
tar -C $WORK/tree -cJf $S/comp.tar.xz ./usr/include
(cd $S && sha512sum --tag base.tar.xz comp.tar.xz >SHA512)
for name in endless-list endless-set huge-set trickle-set html md5 ro; do
  ln -s netbsd $M/$name
done
# a list of 40 KB, as DragonFly's md5.txt of every ISO is: 20 s at the trickle's 2 KB/s
T=$M/trickle-list/NetBSD-10.1/amd64/binary/sets
mkdir -p $T
ln -s $S/base.tar.xz $S/comp.tar.xz $T/
{ cat $S/SHA512; for i in $(seq 400); do echo "SHA512 (other-set-$i.tar.xz) = $(printf 'f%.0s' {1..128})"; done; } >$T/SHA512
LIST=NetBSD-10.1/amd64/binary/sets/SHA512
BASE=NetBSD-10.1/amd64/binary/sets/base.tar.xz

LOG=$WORK/requests.log
touch $LOG
python3 "$XPORT_SOURCE_DIR/tests/e2e/mirror_server.py" $M $WORK/port $LOG \
  endless:/endless-list/$LIST endless:/endless-set/$BASE huge:/huge-set/$BASE \
  trickle:/trickle-list/$LIST trickle:/trickle-set/$BASE html-once:/html/$LIST md5:/md5/$LIST &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do [ -s $WORK/port ] && break; sleep 0.05; done
[ -s $WORK/port ] || fail "the mirror server did not start"
URL=http://127.0.0.1:$(cat $WORK/port)
fetch() { $XPORT sysroot fetch x86_64-unknown-netbsd --release 10.1 "$@"; }
D=$XPORT_HOME/downloads
store_size() { du -sk $XPORT_HOME 2>/dev/null | cut -f1; }

step echo "an endless checksum list stops at 4 MiB, names the cap, and keeps nothing"
start=$SECONDS
expect_status 1 fetch --mirror $URL/endless-list
echo "$OUT"
expect_contains "$OUT" "$URL/endless-list/$LIST: larger than 4.0 MiB, the most a checksum list may be"
expect_contains "$OUT" "that is not a checksum list"
[ $((SECONDS - start)) -lt 30 ] || fail "the endless list took $((SECONDS - start)) s to refuse"
[ -z "$(ls -A $D/lists 2>/dev/null)" ] || fail "the endless list was kept: $(ls $D/lists)"
[ "$(store_size)" -lt 2048 ] || fail "the store grew to $(store_size) KiB"

step echo "an endless medium stops at --max-download-size, names the cap and how to raise it, and is deleted"
expect_status 1 fetch --mirror $URL/endless-set --max-download-size 2M
echo "$OUT"
expect_contains "$OUT" "$URL/endless-set/$BASE: larger than 2.0 MiB, the most a download may be (stopped after"
expect_contains "$OUT" "raise the limit with --max-download-size SIZE or the profile's media.max-size"
[ -z "$(ls -A $D/partial 2>/dev/null)" ] || fail "the endless download was kept: $(ls -l $D/partial)"
[ "$(store_size)" -lt 2048 ] || fail "the store grew to $(store_size) KiB"

step echo "a profile's media.max-size caps it too"
mkdir -p $XDG_CONFIG_HOME/xport/targets
cat >$XDG_CONFIG_HOME/xport/targets/small-netbsd.toml <<'EOF'
name = "small-netbsd"
inherits = "x86_64-unknown-netbsd"
description = "NetBSD with media of at most 1 MiB"
[media]
max-size = 1048576
EOF
expect_status 1 $XPORT sysroot fetch small-netbsd --release 10.1 --mirror $URL/endless-set
expect_contains "$OUT" "larger than 1.0 MiB, the most a download may be"
[ -z "$(ls -A $D/partial 2>/dev/null)" ] || fail "the endless download was kept"

step echo "a medium announcing 16 GiB is refused before a byte is written (default cap: 4 GiB)"
expect_status 1 fetch --mirror $URL/huge-set
echo "$OUT"
expect_contains "$OUT" "$URL/huge-set/$BASE: larger than 4.0 GiB, the most a download may be (the server announced 16.0 GiB)"
[ -z "$(find $D/partial -type f -size +0 2>/dev/null)" ] || fail "bytes of the 16 GiB medium were written"

step echo "a trickling checksum list meets its deadline; the error says what came in how long"
start=$SECONDS
expect_status 1 fetch --mirror $URL/trickle-list --timeout 2
echo "$OUT"
expect_contains "$OUT" "$URL/trickle-list/$LIST: not complete after 2 s, the deadline for a checksum list:"
expect_contains "$OUT" "received in"
expect_contains "$OUT" "allow more time with --timeout SECONDS or \$XPORT_FETCH_TIMEOUT"
[ $((SECONDS - start)) -lt 15 ] || fail "the trickling list took $((SECONDS - start)) s"

step echo "a trickling medium meets \$XPORT_FETCH_TIMEOUT; what came is kept for the next fetch"
start=$SECONDS
expect_status 1 env XPORT_FETCH_TIMEOUT=3 $XPORT sysroot fetch x86_64-unknown-netbsd --release 10.1 \
  --mirror $URL/trickle-set
echo "$OUT"
expect_contains "$OUT" "$URL/trickle-set/$BASE: not complete after 3 s, the deadline for a download:"
expect_contains "$OUT" "the partial download is kept and the next fetch resumes it"
[ $((SECONDS - start)) -lt 20 ] || fail "the trickling medium took $((SECONDS - start)) s"
[ -n "$(find $D/partial -type f -size +0)" ] || fail "the trickled part was not kept"
expect_status 2 env XPORT_FETCH_TIMEOUT=soon $XPORT sysroot fetch x86_64-unknown-netbsd --release 10.1 \
  --mirror $URL/trickle-set
expect_contains "$OUT" "XPORT_FETCH_TIMEOUT=soon: not a number of seconds"

step echo "an HTML page served once for SHA512 is refused and not kept; the next fetch asks again and succeeds"
expect_status 1 fetch --mirror $URL/html
echo "$OUT"
expect_contains "$OUT" "$URL/html/$LIST is not a checksum list in the bsd format"
expect_contains "$OUT" "it begins '<!DOCTYPE html>"
expect_status 0 fetch --mirror $URL/html
echo "$OUT"
expect_not_contains "$OUT" "(cached)"
expect_contains "$OUT" "imported sysroot 'x86_64-unknown-netbsd'"
[ "$(grep -c "GET /html/$LIST" $LOG)" -eq 2 ] || fail "the list was not asked for again"

step echo "a bad list cached by an older xport is named as cached, dropped and fetched again"
key=$(printf %s "$URL/html/$LIST" | sha256sum | cut -d' ' -f1)
[ -f $D/lists/$key ] || fail "the good list was not kept"
printf '<!DOCTYPE html>\n<html>old</html>\n' >$D/lists/$key
expect_status 0 fetch --mirror $URL/html --name nb2
echo "$OUT"
expect_contains "$OUT" "the cached checksum list of $URL/html/$LIST does not serve"
expect_contains "$OUT" "fetching it again"
expect_status 0 fetch --mirror $URL/html --name nb3
expect_contains "$OUT" "checksums: $URL/html/$LIST (cached)"

step echo "MD5 lines in NetBSD's SHA512 are refused: NetBSD publishes SHA512"
expect_status 1 fetch --mirror $URL/md5 --name nb-md5
echo "$OUT"
expect_contains "$OUT" "gives base.tar.xz only as md5, and NetBSD publishes sha512"
expect_not_contains "$OUT" "all its OS publishes"

step echo "the unsigned list is said to be unsigned, on every fetch"
expect_status 0 fetch --mirror $URL/netbsd --name nb4
expect_contains "$OUT" "NetBSD signs nothing: the checksum list comes from the same mirror as the media"
expect_contains "$OUT" "pin the release's digests with --expect-sha256"

step echo "--expect-sha256 pins a medium: a digest the download does not have is refused"
sha_comp=$(sha256sum $S/comp.tar.xz | cut -d' ' -f1)
expect_status 1 fetch --mirror $URL/netbsd --name nb5 --expect-sha256 "$(printf '0%.0s' {1..64})" \
  --expect-sha256 $sha_comp
echo "$OUT"
expect_contains "$OUT" "--expect-sha256 pins 0000000000000000000000000000000000000000000000000000000000000000"
expect_contains "$OUT" "nothing was kept or imported"
[ ! -e $XPORT_HOME/sysroots/nb5 ] || fail "a sysroot was made from a medium that missed its pin"
expect_status 0 fetch --mirror $URL/netbsd --name nb5 --expect-sha256 "$(sha256sum $S/base.tar.xz | cut -d' ' -f1)" \
  --expect-sha256 $sha_comp
expect_contains "$OUT" "matches the pinned digest"
expect_status 2 fetch --mirror $URL/netbsd --name nb6 --expect-sha256 $sha_comp
expect_contains "$OUT" "--expect-sha256 was given 1 times for 2 media (base.tar.xz comp.tar.xz)"

step echo "a file where the store's downloads/ should be: an error naming it, not an internal error"
mkdir -p $WORK/store-file
touch $WORK/store-file/downloads
expect_status 1 fetch --mirror $URL/ro --store $WORK/store-file
echo "$OUT"
expect_not_contains "$OUT" "internal error"
expect_contains "$OUT" "$WORK/store-file/downloads"
expect_contains "$OUT" "must be a writable folder"

step echo "a read-only store: the same"
mkdir -p $WORK/store-ro
$XPORT sysroot list --store $WORK/store-ro >/dev/null
chmod -R a-w $WORK/store-ro
ro() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
  # root writes through permission bits: mount the store read-only in a mount namespace of its own
  ro() { unshare --mount sh -c 'mount --bind -o ro "$0" "$0" && exec "$@"' $WORK/store-ro "$@"; }
  ro true 2>/dev/null || ro() { return 99; }
fi
OUT=$(ro $XPORT sysroot fetch x86_64-unknown-netbsd --release 10.1 --mirror $URL/ro --store $WORK/store-ro 2>&1) &&
  fail "a fetch into a read-only store succeeded: $OUT" || status=$?
if [ "$status" -eq 99 ]; then
  echo "(left out: root cannot mount the store read-only here, and ignores its permission bits)"
else
  echo "$OUT"
  [ "$status" -eq 1 ] || fail "exit status $status, expected 1"
  expect_not_contains "$OUT" "internal error"
  expect_contains "$OUT" "$WORK/store-ro"
  expect_contains "$OUT" "use another store with --store DIR or \$XPORT_HOME"
fi
chmod -R u+w $WORK/store-ro
echo "ok"
