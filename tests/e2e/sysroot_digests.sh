#!/usr/bin/env bash
# What a sysroot's manifest says about its medium and files, checked against independent tools:
# the medium's XXH3-128 is xxhsum -H2's, kept in a cache by file identity; --expect-sha256 compares
# with sha256sum's and refuses a mismatch leaving the store as it was; files are hashed with
# XXH3-128 (or SHA-256 with --file-digest sha256) and verify finds a changed one; a manifest of
# format 1 (SHA-256 everywhere) is still read and verified.
source "$(dirname "$0")/lib.sh"
command -v xxhsum >/dev/null || skip "xxhsum (package xxhash) is not installed"

T=$WORK/base
mkdir -p $T/usr/include $T/usr/lib $T/bin
echo 'int puts(const char *);' >$T/usr/include/stdio.h
head -c 300000 /dev/urandom >$T/usr/lib/libc.a
printf 'sh' >$T/bin/sh
(cd $T && tar -cJf $WORK/base.txz ./*)
medium_sha=$(sha256sum $WORK/base.txz | cut -d' ' -f1)
medium_xxh=$(xxhsum -H2 $WORK/base.txz | cut -d' ' -f1)
wrong=$(printf '%064d' 0)
manifest() { python3 -c "import json,sys; m=json.load(open('$XPORT_HOME/sysroots/$1/sysroot.json')); print(eval(sys.argv[1]))" "$2"; }

step echo "a wrong --expect-sha256 refuses the import and leaves the store as it was"
expect_status 1 $XPORT sysroot import $WORK/base.txz --target x86_64-unknown-freebsd --name b \
  --expect-sha256 $wrong
expect_contains "$OUT" "its SHA-256 is $medium_sha, not the expected $wrong"
expect_contains "$OUT" "nothing was imported"
left=$(ls -A $XPORT_HOME/sysroots | grep -v '^\.b\.lock$' || true) # the lock file stays, as after any import
[ -z "$left" ] || fail "the refused import left: $left"
expect_status 2 $XPORT sysroot import $WORK/base.txz --target x86_64-unknown-freebsd --expect-sha256 abc
expect_contains "$OUT" "not a SHA-256 sum (64 hex digits)"

step echo "the right one (upper case, as some OSes publish it) is recorded beside the XXH3-128"
expect_status 0 $XPORT sysroot import $WORK/base.txz --target x86_64-unknown-freebsd --name b \
  --expect-sha256 "${medium_sha^^}"
[ "$(manifest b 'm["media"][0]["sha256"]')" = "$medium_sha" ] || fail "the medium's SHA-256 is not recorded"
[ "$(manifest b 'm["media"][0]["xxh3_128"]')" = "$medium_xxh" ] || fail "the medium's XXH3-128 is not xxhsum's"
[ "$(manifest b 'm["file_digest"]')" = xxh3-128 ] || fail "files are not hashed with XXH3-128"
lib_xxh=$(xxhsum -H2 $XPORT_HOME/sysroots/b/root/usr/lib/libc.a | cut -d' ' -f1)
[ "$(manifest b '[f["digest"] for f in m["files"] if f["path"] == "usr/lib/libc.a"][0]')" = "$lib_xxh" ] ||
  fail "the file digest is not xxhsum's"
expect_status 0 $XPORT sysroot show b
expect_contains "$OUT" "xxh3-128 $medium_xxh (the whole file)"
expect_contains "$OUT" "sha256   $medium_sha"
expect_contains "$OUT" "file digests:    xxh3-128"

step echo "the medium's digests are cached by file identity: a new mtime is a new entry"
cache=$XDG_CACHE_HOME/xport/media-digests
[ "$(ls $cache | grep -c '\.xxh3-128$')" = 1 ] || fail "no cached XXH3-128: $(ls $cache)"
[ "$(ls $cache | grep -c '\.sha256$')" = 1 ] || fail "no cached SHA-256: $(ls $cache)"
expect_status 0 $XPORT sysroot import $WORK/base.txz --target x86_64-unknown-freebsd --name b2
[ "$(ls $cache | wc -l)" = 2 ] || fail "a second import of the same file hashed it again: $(ls $cache)"
touch $WORK/base.txz
expect_status 0 $XPORT sysroot import $WORK/base.txz --target x86_64-unknown-freebsd --name b3
[ "$(ls $cache | grep -c '\.xxh3-128$')" = 2 ] || fail "a touched medium kept its old cache entry"
[ "$(manifest b3 'm["media"][0]["sha256"]')" = "" ] || fail "SHA-256 computed though nobody asked"
for entry in $cache/*.xxh3-128; do echo "not-a-digest" >$entry; done # a damaged cache
expect_status 0 $XPORT sysroot import $WORK/base.txz --target x86_64-unknown-freebsd --name b4
[ "$(manifest b4 'm["media"][0]["xxh3_128"]')" = "$medium_xxh" ] || fail "a damaged cache entry was trusted"

step echo "verify recomputes each file's digest and names a changed file"
expect_status 0 $XPORT sysroot verify b
chmod u+w $XPORT_HOME/sysroots/b/root/usr/lib/libc.a
printf 'X' | dd of=$XPORT_HOME/sysroots/b/root/usr/lib/libc.a bs=1 seek=1000 conv=notrunc 2>/dev/null
expect_status 1 $XPORT sysroot verify b
expect_contains "$OUT" "usr/lib/libc.a"
expect_contains "$OUT" "xxh3-128 was ${lib_xxh:0:12}..."

step echo "--file-digest sha256 hashes files as sha256sum does"
expect_status 0 $XPORT sysroot import $WORK/base.txz --target x86_64-unknown-freebsd --name s \
  --file-digest sha256
lib_sha=$(sha256sum $XPORT_HOME/sysroots/s/root/usr/lib/libc.a | cut -d' ' -f1)
[ "$(manifest s '[f["digest"] for f in m["files"] if f["path"] == "usr/lib/libc.a"][0]')" = "$lib_sha" ] ||
  fail "the file digest is not sha256sum's"
expect_status 0 $XPORT sysroot verify s

step echo "a manifest of format 1 (SHA-256 per file under \"sha256\") is read and verified"
python3 - $XPORT_HOME/sysroots/s/sysroot.json <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
m["format"] = 1
del m["file_digest"]
for medium in m["media"]:
    del medium["xxh3_128"]
for f in m["files"]:
    if "digest" in f:
        f["sha256"] = f.pop("digest")
json.dump(m, open(sys.argv[1], "w"))
PY
expect_status 0 $XPORT sysroot verify s
expect_status 0 $XPORT sysroot show s
expect_contains "$OUT" "file digests:    sha256"
echo "ok"
