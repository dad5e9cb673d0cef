#!/usr/bin/env bash
# `xport sysroot fetch` against a mirror on 127.0.0.1 that this scenario builds and serves
# (mirror_server.py): FreeBSD's real base.txz with a MANIFEST, NetBSD- and OpenBSD-shaped sets with
# their SHA512 and signed SHA256 lists, and a bzip2'd DragonFly-shaped ISO with md5.txt. A fresh
# fetch, a cached one that downloads nothing, a checksum mismatch that keeps nothing, the pinned
# FreeBSD 13.2 digest refusing a forged mirror, OpenBSD's signature (good, altered, another key,
# absent), a download cut halfway and resumed, a 404, an unknown release, and a local folder as the
# mirror. Hostile servers (endless, trickling, HTML) are sysroot_fetch_hostile.sh's.
source "$(dirname "$0")/lib.sh"
command -v xorriso >/dev/null || skip "xorriso is not installed"
openssl genpkey -algorithm ed25519 -out /dev/null 2>/dev/null || skip "openssl cannot make Ed25519 keys"
BASE_TXZ=$(real_media freebsd-13.2-amd64-base.txz)

M=$WORK/mirror
step echo "a mirror tree: FreeBSD's real base.txz and its MANIFEST"
mkdir -p $M/freebsd/amd64/13.2-RELEASE
ln -s "$BASE_TXZ" $M/freebsd/amd64/13.2-RELEASE/base.txz
sum=$(sha256sum "$BASE_TXZ" | cut -d' ' -f1)
printf 'base.txz\t%s\t26857\tbase\t"Base system (MANDATORY)"\ton\n' "$sum" \
  >$M/freebsd/amd64/13.2-RELEASE/MANIFEST

# A small OS tree with real objects for a target: headers in comp, start files and libraries in base.
make_tree() { # DIR TRIPLE
  mkdir -p $1/usr/include/sys $1/usr/lib
  printf '#pragma once\nint puts(const char *);\n' >$1/usr/include/stdio.h
  printf '#pragma once\ntypedef long ssize_t;\n' >$1/usr/include/sys/types.h
  printf 'void _start(void) {}\n' >$WORK/crt.c
  clang -target $2 -c $WORK/crt.c -o $1/usr/lib/crt0.o
  printf 'int puts(const char *s) { return s != 0; }\n' >$WORK/libc.c
  clang -target $2 -c $WORK/libc.c -o $WORK/libc.o
  llvm-ar rc $1/usr/lib/libc.a $WORK/libc.o
  head -c 300000 /dev/urandom >$1/usr/lib/libbig.a # enough bytes to cut a download halfway
}

step echo "NetBSD-shaped sets: base.tar.xz and comp.tar.xz, and SHA512"
make_tree $WORK/nb x86_64-unknown-netbsd
S=$M/netbsd/NetBSD-10.1/amd64/binary/sets
mkdir -p $S
tar -C $WORK/nb -cJf $S/base.tar.xz ./usr/lib
tar -C $WORK/nb -cJf $S/comp.tar.xz ./usr/include
(cd $S && sha512sum --tag base.tar.xz comp.tar.xz >SHA512)
# the same sets beside a list whose comp.tar.xz sum is wrong
mkdir -p $M/netbsd-bad/NetBSD-10.1/amd64/binary/sets
B=$M/netbsd-bad/NetBSD-10.1/amd64/binary/sets
ln -s $S/base.tar.xz $S/comp.tar.xz $B/
bad_sum=$(echo "not comp.tar.xz" | sha512sum | cut -d' ' -f1)
{ grep '^SHA512 (base' $S/SHA512; echo "SHA512 (comp.tar.xz) = $bad_sum"; } >$B/SHA512
good_sum=$(sed -n 's/^SHA512 (comp.tar.xz) = //p' $S/SHA512)

step echo "OpenBSD-shaped sets: base77.tgz and comp77.tgz, and SHA256 signed as SHA256.sig with a key made here"
make_tree $WORK/ob x86_64-unknown-openbsd
O=$M/openbsd/7.7/amd64
mkdir -p $O
tar -C $WORK/ob -czf $O/base77.tgz ./usr/lib
tar -C $WORK/ob -czf $O/comp77.tgz ./usr/include
(cd $O && sha256sum --tag base77.tgz comp77.tgz >SHA256)
SIGNIFY="python3 $XPORT_SOURCE_DIR/tests/e2e/signify_files.py"
$SIGNIFY key $WORK/test.pem $WORK/test.pub 1122334455667788
$SIGNIFY sign $WORK/test.pem 1122334455667788 $O/SHA256 $O/SHA256.sig
$SIGNIFY key $WORK/other.pem $WORK/other.pub 1122334455667788 # same key number, another key
# the profile the sets are fetched with: OpenBSD's, with the test key for 7.7
profile() { # NAME KEYFILE
  printf 'name = "%s"\ninherits = "x86_64-unknown-openbsd"\ndescription = "OpenBSD signed by a test key"\n' $1
  printf '[media.signify-keys]\n"7.7" = "%s"\n' "$(sed -n 2p $2)"
}
profile openbsd-test $WORK/test.pub >$WORK/openbsd-test.toml
profile openbsd-other $WORK/other.pub >$WORK/openbsd-other.toml
OBSD="--profile $WORK/openbsd-test.toml openbsd-test"
# the same sets and signature with the list altered after signing; and without SHA256.sig
mkdir -p $M/openbsd-altered/7.7/amd64 $M/openbsd-unsigned/7.7/amd64
ln -s $O/base77.tgz $O/comp77.tgz $O/SHA256 $M/openbsd-unsigned/7.7/amd64/
ln -s $O/base77.tgz $O/comp77.tgz $M/openbsd-altered/7.7/amd64/
sed 's/^\(SHA256 (comp77.tgz) = \)./\10/' $O/SHA256.sig >$M/openbsd-altered/7.7/amd64/SHA256.sig
cmp -s $O/SHA256.sig $M/openbsd-altered/7.7/amd64/SHA256.sig &&
  sed -i 's/^\(SHA256 (comp77.tgz) = \)./\11/' $M/openbsd-altered/7.7/amd64/SHA256.sig

step echo "a forged FreeBSD mirror: another base.txz for 13.2, with a MANIFEST to match"
mkdir -p $M/freebsd-forged/amd64/13.2-RELEASE
cp $S/base.tar.xz $M/freebsd-forged/amd64/13.2-RELEASE/base.txz
forged_sum=$(sha256sum $S/base.tar.xz | cut -d' ' -f1)
printf 'base.txz\t%s\t1\tbase\t"Base system (MANDATORY)"\ton\n' "$forged_sum" \
  >$M/freebsd-forged/amd64/13.2-RELEASE/MANIFEST

step echo "a DragonFly-shaped ISO, bzip2'd, and md5.txt"
make_tree $WORK/df x86_64-unknown-dragonfly
mkdir -p $M/dragonfly
xorriso -as mkisofs -quiet -R -V DragonFly -o $WORK/dfly.iso $WORK/df 2>/dev/null
bzip2 -c $WORK/dfly.iso >$M/dragonfly/dfly-x86_64-6.4.2_REL.iso.bz2
(cd $M/dragonfly && md5sum --tag dfly-x86_64-6.4.2_REL.iso.bz2 >md5.txt)

step echo "serve it on 127.0.0.1, cutting base77.tgz halfway the first time"
LOG=$WORK/requests.log
touch $LOG
python3 "$XPORT_SOURCE_DIR/tests/e2e/mirror_server.py" $M $WORK/port $LOG \
  /openbsd/7.7/amd64/base77.tgz &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do [ -s $WORK/port ] && break; sleep 0.05; done
[ -s $WORK/port ] || fail "the mirror server did not start"
URL=http://127.0.0.1:$(cat $WORK/port)

step echo "a fresh fetch downloads base.txz, checks it against the MANIFEST and imports it"
expect_status 0 $XPORT sysroot fetch x86_64-unknown-freebsd --release 13.2 --mirror $URL/freebsd
echo "$OUT"
expect_contains "$OUT" "$URL/freebsd/amd64/13.2-RELEASE/base.txz: downloaded"
expect_contains "$OUT" "sha256 $sum, matches the pinned digest"
expect_not_contains "$OUT" "signs nothing" # the profile pins 13.2's base.txz
expect_contains "$OUT" "imported sysroot 'x86_64-unknown-freebsd' for x86_64-unknown-freebsd (release 13.2)"
ROOT=$XPORT_HOME/sysroots/x86_64-unknown-freebsd/root
[ -f $ROOT/usr/include/stdio.h ] && [ -f $ROOT/usr/lib/crt1.o ] || fail "the sysroot lacks base.txz's files"
[ -f $XPORT_HOME/downloads/sha256/$sum/base.txz ] || fail "base.txz is not cached by its checksum"
grep -q "GET /freebsd/amd64/13.2-RELEASE/base.txz" $LOG || fail "base.txz was not requested"
step echo "the sysroot's manifest says where base.txz came from and what vouched for it"
python3 - "$XPORT_HOME/sysroots/x86_64-unknown-freebsd/sysroot.json" "$URL" "$sum" <<'PY' ||
import json, sys
origin = json.load(open(sys.argv[1]))["media"][0]["origin"]
want = {"url": sys.argv[2] + "/freebsd/amd64/13.2-RELEASE/base.txz",
        "published": "sha256:" + sys.argv[3], "pinned": "sha256:" + sys.argv[3], "signed_by": ""}
sys.exit(0 if origin == want else "origin is %r, not %r" % (origin, want))
PY
  fail "the manifest does not record the medium's origin"
expect_status 0 $XPORT sysroot show x86_64-unknown-freebsd
expect_contains "$OUT" "fetched from $URL/freebsd/amd64/13.2-RELEASE/base.txz: sha256:$sum as its checksum list published, the pinned digest"

step echo "a second fetch of the same release downloads nothing, and says so"
before=$(wc -l <$LOG)
expect_status 0 $XPORT sysroot fetch x86_64-unknown-freebsd --release 13.2 --mirror $URL/freebsd \
  --name fbsd2
echo "$OUT"
expect_contains "$OUT" "nothing downloaded"
expect_contains "$OUT" "base.txz: cached"
[ "$(wc -l <$LOG)" -eq "$before" ] || fail "the cached fetch made requests: $(tail -n +$((before + 1)) $LOG)"

step echo "XPORT_MIRROR_FREEBSD names the mirror too; the sysroot exists, so fetch refuses without --force"
expect_status 1 env XPORT_MIRROR_FREEBSD=$URL/freebsd $XPORT sysroot fetch x86_64-unknown-freebsd --release 13.2
expect_contains "$OUT" "already exists"
expect_status 0 env XPORT_MIRROR_FREEBSD=$URL/freebsd $XPORT sysroot fetch x86_64-unknown-freebsd \
  --release 13.2 --force
expect_contains "$OUT" "nothing downloaded"

step echo "a mirror named by its root, as FreeBSD's handbook lists them (…/pub/FreeBSD): releases/ below it is found"
mkdir -p $M/pub/FreeBSD
ln -s ../../freebsd $M/pub/FreeBSD/releases
expect_status 0 $XPORT sysroot fetch x86_64-unknown-freebsd --release 13.2 --mirror $URL/pub/FreeBSD \
  --name fbsd-root
echo "$OUT"
expect_contains "$OUT" "checksums: $URL/pub/FreeBSD/releases/amd64/13.2-RELEASE/MANIFEST"
expect_contains "$OUT" "base.txz: cached"
expect_status 0 env XPORT_MIRROR_FREEBSD=$URL/pub/FreeBSD/ $XPORT sysroot fetch x86_64-unknown-freebsd \
  --release 13.2 --name fbsd-root --force
expect_contains "$OUT" "checksums: $URL/pub/FreeBSD/releases/amd64/13.2-RELEASE/MANIFEST"
step echo "a release the root lacks: the 404 lists every URL tried"
expect_status 1 $XPORT sysroot fetch x86_64-unknown-freebsd --release 14.3 --mirror $URL/pub/FreeBSD
echo "$OUT"
expect_contains "$OUT" "no checksum list for release 14.3 at the mirror $URL/pub/FreeBSD"
expect_contains "$OUT" "$URL/pub/FreeBSD/amd64/14.3-RELEASE/MANIFEST"
expect_contains "$OUT" "$URL/pub/FreeBSD/releases/amd64/14.3-RELEASE/MANIFEST"
expect_contains "$OUT" "$URL/pub/FreeBSD/old-releases/amd64/14.3-RELEASE/MANIFEST"

step echo "the forged FreeBSD mirror is refused by the digest the profile pins, before any download"
before=$(wc -l <$LOG)
expect_status 1 $XPORT sysroot fetch x86_64-unknown-freebsd --release 13.2 --mirror $URL/freebsd-forged \
  --name forged
echo "$OUT"
expect_contains "$OUT" "base.txz: the checksum list $URL/freebsd-forged/amd64/13.2-RELEASE/MANIFEST gives it the sha256 $forged_sum"
expect_contains "$OUT" "(media.pinned.\"13.2\") pins $sum"
expect_contains "$OUT" "nothing was downloaded"
grep -q "GET /freebsd-forged/amd64/13.2-RELEASE/base.txz" $LOG && fail "the forged base.txz was downloaded"
[ ! -e $XPORT_HOME/sysroots/forged ] || fail "a sysroot was made from the forged mirror"

step echo "FreeBSD releases without a pin are fetched with a note that the list is unsigned"
mkdir -p $M/freebsd/amd64/14.3-RELEASE
ln -s $M/freebsd-forged/amd64/13.2-RELEASE/base.txz $M/freebsd/amd64/14.3-RELEASE/base.txz
cp $M/freebsd-forged/amd64/13.2-RELEASE/MANIFEST $M/freebsd/amd64/14.3-RELEASE/MANIFEST
expect_status 0 $XPORT sysroot fetch x86_64-unknown-freebsd --release 14.3 --mirror $URL/freebsd --name fbsd143
expect_contains "$OUT" "note: FreeBSD signs nothing: the checksum list comes from the same mirror as the media"

step echo "a checksum mismatch is refused, names both sums and the URL, and keeps nothing"
list_before=$($XPORT sysroot list)
expect_status 1 $XPORT sysroot fetch x86_64-unknown-netbsd --release 10.1 --mirror $URL/netbsd-bad
echo "$OUT"
expect_contains "$OUT" "$URL/netbsd-bad/NetBSD-10.1/amd64/binary/sets/comp.tar.xz: checksum mismatch"
expect_contains "$OUT" "$bad_sum"
expect_contains "$OUT" "$good_sum"
[ "$($XPORT sysroot list)" = "$list_before" ] || fail "the store changed after a refused fetch"
[ ! -e $XPORT_HOME/sysroots/x86_64-unknown-netbsd ] || fail "a sysroot was left behind"
[ ! -e $XPORT_HOME/downloads/sha512/$bad_sum ] && [ ! -e $XPORT_HOME/downloads/sha512/$good_sum ] ||
  fail "the mismatching download was cached"
[ -z "$(ls -A $XPORT_HOME/downloads/partial)" ] || fail "a partial download was kept: $(ls $XPORT_HOME/downloads/partial)"

step echo "the good NetBSD mirror: both sets checked with SHA512 and imported in order"
expect_status 0 $XPORT sysroot fetch x86_64-unknown-netbsd --mirror $URL/netbsd
echo "$OUT"
expect_contains "$OUT" "comp.tar.xz: downloaded"
expect_contains "$OUT" "sha512 $good_sum"
[ -f $XPORT_HOME/sysroots/x86_64-unknown-netbsd/root/usr/include/stdio.h ] &&
  [ -f $XPORT_HOME/sysroots/x86_64-unknown-netbsd/root/usr/lib/crt0.o ] || fail "the NetBSD sets were not imported"

step echo "OpenBSD's signed list: an altered one, one signed by another key, and a mirror without it are refused"
expect_status 1 $XPORT sysroot fetch $OBSD --mirror $URL/openbsd-altered
echo "$OUT"
expect_contains "$OUT" "$URL/openbsd-altered/7.7/amd64/SHA256.sig: the signature does not verify with the key 1122334455667788"
expect_status 1 $XPORT sysroot fetch --profile $WORK/openbsd-other.toml openbsd-other --mirror $URL/openbsd
echo "$OUT"
expect_contains "$OUT" "$URL/openbsd/7.7/amd64/SHA256.sig: the signature does not verify"
expect_status 1 $XPORT sysroot fetch x86_64-unknown-openbsd --mirror $URL/openbsd
echo "$OUT"
expect_contains "$OUT" "signed with the key numbered 1122334455667788, not with the expected key"
expect_status 1 $XPORT sysroot fetch $OBSD --mirror $URL/openbsd-unsigned
echo "$OUT"
expect_contains "$OUT" "$URL/openbsd-unsigned/7.7/amd64/SHA256.sig: not found (404)"
expect_contains "$OUT" "OpenBSD signs its checksum list, and xport reads only the signed one"
grep -q "GET /openbsd-unsigned/7.7/amd64/SHA256 " $LOG && fail "the unsigned SHA256 was read"
[ -z "$(ls -A $XPORT_HOME/downloads/partial)" ] || fail "a medium was downloaded after a bad signature"
[ ! -e $XPORT_HOME/sysroots/openbsd-test ] && [ ! -e $XPORT_HOME/sysroots/openbsd-other ] &&
  [ ! -e $XPORT_HOME/sysroots/x86_64-unknown-openbsd ] || fail "a sysroot was made from an unverified list"

step echo "a download cut halfway fails naming the URL, then resumes from where it stopped"
expect_status 1 $XPORT sysroot fetch $OBSD --mirror $URL/openbsd
echo "$OUT"
expect_contains "$OUT" "checksums: $URL/openbsd/7.7/amd64/SHA256.sig, signature verified with the release's signify key 1122334455667788"
expect_not_contains "$OUT" "signs nothing"
expect_contains "$OUT" "cannot download $URL/openbsd/7.7/amd64/base77.tgz (release 7.7)"
[ ! -e $XPORT_HOME/sysroots/openbsd-test ] || fail "a sysroot was made from a cut download"
part=$(ls $XPORT_HOME/downloads/partial/)
[ -n "$part" ] || fail "the partial download was not kept"
half=$(stat -c %s $XPORT_HOME/downloads/partial/$part)
expect_status 0 $XPORT sysroot fetch $OBSD --mirror $URL/openbsd
echo "$OUT"
expect_contains "$OUT" "resumed after"
grep -q "GET /openbsd/7.7/amd64/base77.tgz bytes=$half-" $LOG || fail "no Range request from byte $half"
[ -f $XPORT_HOME/sysroots/openbsd-test/root/usr/lib/libbig.a ] || fail "the resumed set was not imported"
cmp $XPORT_HOME/sysroots/openbsd-test/root/usr/lib/libbig.a $WORK/ob/usr/lib/libbig.a ||
  fail "the resumed download differs"

step echo "a 404 names the URL and the release"
expect_status 1 $XPORT sysroot fetch x86_64-unknown-netbsd --release 10.0 --mirror $URL/netbsd
echo "$OUT"
expect_contains "$OUT" "$URL/netbsd/NetBSD-10.0/amd64/binary/sets/SHA512: not found (404)"
expect_contains "$OUT" "release 10.0"

step echo "an unknown release lists the known ones"
expect_status 2 $XPORT sysroot fetch x86_64-unknown-netbsd --release 11.7 --mirror $URL/netbsd
echo "$OUT"
expect_contains "$OUT" "unknown release '11.7'"
expect_contains "$OUT" "9.3 9.4 10.0 10.1"

step echo "DragonFly: the bzip2'd ISO, checked with md5 (said to be weak), read without unpacking"
expect_status 0 env XPORT_MIRROR_DRAGONFLY=$URL/dragonfly $XPORT sysroot fetch x86_64-unknown-dragonfly
echo "$OUT"
expect_contains "$OUT" "is checked with md5, all DragonFly publishes"
expect_contains "$OUT" "not a forged one"
expect_contains "$OUT" "DragonFly signs nothing"
expect_status 0 $XPORT sysroot show x86_64-unknown-dragonfly
expect_contains "$OUT" "ISO9660"
expect_contains "$OUT" "bzip2"
[ -f $XPORT_HOME/sysroots/x86_64-unknown-dragonfly/root/usr/include/stdio.h ] || fail "the ISO's headers are missing"
[ -z "$(find $XPORT_HOME/downloads -name '*.iso')" ] || fail "an uncompressed ISO was written"

step echo "a local folder as the mirror (file://), into a store of its own"
expect_status 0 env XPORT_MIRROR_OPENBSD=$M/openbsd $XPORT sysroot fetch $OBSD --store $WORK/store2
echo "$OUT"
expect_contains "$OUT" "file://$M/openbsd/7.7/amd64/comp77.tgz: downloaded"
[ -f $WORK/store2/sysroots/openbsd-test/root/usr/include/stdio.h ] || fail "the local mirror's sets were not imported"
expect_status 1 env XPORT_MIRROR_OPENBSD=$M/nowhere $XPORT sysroot fetch $OBSD --store $WORK/store3
expect_contains "$OUT" "file://$M/nowhere/7.7/amd64/SHA256.sig: not found"
echo "ok"
