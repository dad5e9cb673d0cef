#!/usr/bin/env bash
# `xport sysroot fetch aarch64-unknown-linux-gnu`: the profile's Debian cross packages resolved,
# downloaded and checked by apt-get itself, under a private state and cache in the store, from this
# machine's configured archive (no root, no dpkg --add-architecture); then xport cc builds a C and a
# C++ hello world against the sysroot and xport run runs them under qemu-user. apt's folder is kept
# in $XPORT_TEST_CACHE across runs, so only the first run downloads.
source "$(dirname "$0")/lib.sh"
command -v qemu-aarch64 >/dev/null || skip "qemu-aarch64 is not installed"
command -v apt-get >/dev/null || skip "apt-get is not installed"
export LIBRARY_PATH="${LIBRARY_PATH:-/usr/local/lib}" # as a user's shell has it: must not leak

source "$(dirname "$0")/fixtures/private_apt.sh"

fetch() {
  (
    flock 9
    "$XPORT" sysroot fetch aarch64-unknown-linux-gnu "$@"
  ) 9>"$XPORT_TEST_CACHE/sysroot-fetch-apt.lock"
}

step echo "fetch through apt-get, into the store"
got=0
OUT=$(fetch 2>&1) || got=$?
echo "$OUT"
if [ $got -ne 0 ]; then
  skip_if_unreachable "$OUT"
  fail "xport sysroot fetch exited $got"
fi
for p in libc6-dev-arm64-cross libc6-arm64-cross libgcc-12-dev-arm64-cross libgcc-s1-arm64-cross \
  libstdc++-12-dev-arm64-cross libstdc++6-arm64-cross linux-libc-dev-arm64-cross; do
  expect_contains "$OUT" "${p}_"
done
expect_contains "$OUT" "checked by apt"
expect_contains "$OUT" "layout:          debian-cross (aarch64-linux-gnu)"
expect_contains "$OUT" "runtime root:  usr/aarch64-linux-gnu"

step echo "the machine is unchanged: same sources, no foreign architecture, nothing installed"
expect_machine_unchanged
[ ! -s "$XPORT_HOME/apt/status" ] || fail "xport's private dpkg status is not empty"

step echo "a second fetch downloads nothing: apt's cache has every package"
OUT=$(fetch --force 2>&1) || { echo "$OUT"; fail "the second fetch failed"; }
echo "$OUT" | tail -12
expect_contains "$OUT" "nothing downloaded"

step echo "xport cc builds against the fetched sysroot; xport run runs the programs under qemu"
cd "$WORK"
printf '#include <stdio.h>\nint main(void){ puts("hello from a fetched sysroot"); return 0; }\n' >hello.c
printf '#include <iostream>\nint main(){ std::cout << "c++ from a fetched sysroot" << std::endl; }\n' >hello.cc
step "$XPORT" cc --target aarch64-unknown-linux-gnu hello.c -o hello
step "$XPORT" c++ --target aarch64-unknown-linux-gnu hello.cc -o hellocc
expect_status 0 "$XPORT" run --target aarch64-unknown-linux-gnu ./hello
expect_contains "$OUT" "hello from a fetched sysroot"
expect_status 0 "$XPORT" run --target aarch64-unknown-linux-gnu ./hellocc
expect_contains "$OUT" "c++ from a fetched sysroot"

step echo "--release and --mirror do not apply to apt: refused, saying why"
expect_status 2 "$XPORT" sysroot fetch aarch64-unknown-linux-gnu --release 12
expect_contains "$OUT" "configured Debian archive"
echo "ok"
