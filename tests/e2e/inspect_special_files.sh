#!/usr/bin/env bash
# What the user names as input must be a regular file: a FIFO (whose open waits for a writer
# forever), a character device (/dev/zero never ends) or a folder is refused at once, with what it
# is, by inspect, check and --profile; nothing blocks (each command runs under a timeout).
source "$(dirname "$0")/lib.sh"
cd "$WORK"
mkfifo pipe
for cmd in "inspect pipe" "check pipe --target x86_64-unknown-linux-gnu" \
  "inspect /dev/zero" "check /dev/zero --target x86_64-unknown-linux-gnu" "inspect $WORK"; do
  # shellcheck disable=SC2086
  expect_status 1 timeout 20 "$XPORT" $cmd
  echo "$OUT"
  expect_contains "$OUT" "cannot read it: it is a"
  expect_contains "$OUT" "not a regular file"
done
expect_status 1 timeout 20 "$XPORT" inspect pipe
expect_contains "$OUT" "pipe: cannot read it: it is a FIFO (named pipe)"
expect_status 1 timeout 20 "$XPORT" inspect /dev/zero
expect_contains "$OUT" "it is a character device"
step echo "a FIFO given as a profile file"
expect_status 1 timeout 20 "$XPORT" target show x86_64-unknown-linux-gnu --profile pipe
expect_contains "$OUT" "it is a FIFO (named pipe)"
step echo "a regular file still works"
expect_status 0 timeout 20 "$XPORT" inspect "$XPORT"
echo "ok"
