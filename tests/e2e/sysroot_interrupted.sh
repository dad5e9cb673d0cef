#!/usr/bin/env bash
# Imports that do not finish normally. The medium is a named pipe fed half-way and then held, so
# the import is reliably caught in the middle: SIGKILL then leaves its temporary folder, which the
# next store operation removes, and no sysroot appears. Two imports of one name: the second waits
# for the first, then fails cleanly (or, with --force, replaces it atomically); the store verifies.
source "$(dirname "$0")/lib.sh"

python3 - $WORK/full.tar <<'PY'
import io, sys, tarfile
with tarfile.open(sys.argv[1], "w") as t:
    for i in range(400):
        data = bytes([i % 256]) * 4096
        info = tarfile.TarInfo("usr/include/h%03d.h" % i); info.size = len(data)
        t.addfile(info, io.BytesIO(data))
PY
half=$(($(stat -c %s $WORK/full.tar) / 2))

# feed_slowly PIPE SECONDS: writes half the archive, waits, writes the rest.
feed_slowly() {
  mkfifo $1
  (head -c $half $WORK/full.tar; sleep $2; tail -c +$((half + 1)) $WORK/full.tar) >$1 &
  FEEDER=$!
}

wait_for_temp_folder() {
  for _ in $(seq 100); do
    if compgen -G "$XPORT_HOME/sysroots/.tmp-*/root/usr/include/h001.h" >/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  fail "the import never started writing"
}

step echo "SIGKILL in the middle of an import"
feed_slowly $WORK/slow.tar 60
$XPORT sysroot import $WORK/slow.tar --target x86_64-unknown-freebsd --name killed &
importer=$!
wait_for_temp_folder
kill -9 $importer
wait $importer 2>/dev/null || true
pkill -P $FEEDER sleep || true
kill $FEEDER 2>/dev/null || true
compgen -G "$XPORT_HOME/sysroots/.tmp-killed-*" >/dev/null || fail "no temporary folder was left to clean"
expect_status 0 $XPORT sysroot list
expect_contains "$OUT" "no sysroots"
left=$(ls -A $XPORT_HOME/sysroots | grep -v '\.lock$' || true)
[ -z "$left" ] || fail "after the next operation the store still holds: $left"

step echo "two imports of one name at once"
feed_slowly $WORK/slow2.tar 3
$XPORT sysroot import $WORK/slow2.tar --target x86_64-unknown-freebsd --name both >$WORK/first.out 2>&1 &
first=$!
wait_for_temp_folder
expect_status 1 $XPORT sysroot import $WORK/full.tar --target x86_64-unknown-freebsd --name both
expect_contains "$OUT" "waiting for another import of 'both'"
expect_contains "$OUT" "a sysroot named 'both' already exists"
wait $first || fail "the first import failed: $(cat $WORK/first.out)"
expect_status 0 $XPORT sysroot verify both

step echo "--force waits, then swaps the new tree in"
feed_slowly $WORK/slow3.tar 3
$XPORT sysroot import $WORK/slow3.tar --target x86_64-unknown-freebsd --name both --force >$WORK/third.out 2>&1 &
third=$!
wait_for_temp_folder
expect_status 0 $XPORT sysroot import $WORK/full.tar --target x86_64-unknown-freebsd --name both --force
expect_contains "$OUT" "waiting for another import of 'both'"
wait $third || fail "the first --force import failed: $(cat $WORK/third.out)"
expect_status 0 $XPORT sysroot verify both
expect_status 0 $XPORT sysroot show both
expect_contains "$OUT" "$WORK/full.tar"
left=$(ls -A $XPORT_HOME/sysroots | grep -v '\.lock$' | grep -vx '\.files')
[ "$left" = both ] || fail "the store holds: $left"
echo "ok"
