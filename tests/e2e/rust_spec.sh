#!/usr/bin/env bash
# `xport rust spec`: the Genode spec derived from the installed nightly has tls-model "emulated"
# and is accepted by that rustc, and so is the one derived from Debian's rustc 1.96; the spec is
# cached. (The fallback a rustc without the emulated model gets, has-thread-local = false, is
# covered by tests/unit/rust/spec_test.cpp.)
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/rust_lib.bash"
cd "$WORK"

ran=0
if rustup_toolchains | grep -qx nightly; then
  ran=1
  step "$XPORT" rust spec x86_64-unknown-genode --toolchain nightly -o x86_64-unknown-genode.json
  spec=$(cat x86_64-unknown-genode.json)
  expect_contains "$spec" '"tls-model": "emulated"'
  expect_contains "$spec" '"os": "freebsd"'
  expect_contains "$spec" '-cc"'
  expect_not_contains "$spec" '"is-builtin"'
  # The same rustc accepts it, and the linker it names runs xport's driver for the profile.
  rustc=$(rustup which rustc --toolchain nightly 2>/dev/null || echo ~/.rustup/toolchains/nightly-*/bin/rustc)
  cfg=$("$rustc" -Z unstable-options --print cfg --target x86_64-unknown-genode.json)
  expect_contains "$cfg" 'target_os="freebsd"'
  linker=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["linker"])' x86_64-unknown-genode.json)
  expect_contains "$(cat "$linker")" "cc --target x86_64-unknown-genode"

  # --json, and the second run comes from the cache.
  expect_status 0 "$XPORT" rust spec x86_64-unknown-genode --toolchain nightly --json
  expect_contains "$OUT" '"cached": true'
  expect_contains "$OUT" '"release": "1.'
fi

if [ -x "$RUSTC_1_96" ]; then
  ran=1
  # Debian's rustc 1.96 (rustc-web) has the emulated model: no fallback is taken.
  expect_status 0 "$XPORT" rust spec x86_64-unknown-genode --rustc "$RUSTC_1_96" -o genode-196.json
  expect_not_contains "$OUT" "fallback"
  spec=$(cat genode-196.json)
  expect_contains "$spec" '"tls-model": "emulated"'
  expect_not_contains "$spec" '"has-thread-local": false'
  RUSTC_BOOTSTRAP=1 "$RUSTC_1_96" -Z unstable-options --print cfg --target genode-196.json >/dev/null ||
    fail "rustc 1.96 does not accept the spec derived with it"
fi
[ "$ran" = 1 ] || skip "no Rust toolchain here: neither a rustup nightly nor Debian's rustc-web"
echo "ok"
