#!/usr/bin/env bash
# `xport rust spec`: the Genode spec derived from the installed nightly has tls-model "emulated"
# and is accepted by that rustc; Debian's rustc 1.63, which has no emulated TLS model, gets the
# profile's fallback (has-thread-local = false) and a note saying so; the spec is cached.
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

if have_debian_rust; then
  ran=1
  expect_status 0 "$XPORT" rust spec x86_64-unknown-genode --rustc /usr/bin/rustc -o genode-163.json
  expect_contains "$OUT" "xport: note: rustc 1.63.0 (/usr/bin/rustc) rejects tls-model = \"emulated\""
  expect_contains "$OUT" "using the profile's fallback has-thread-local = false"
  spec=$(cat genode-163.json)
  expect_contains "$spec" '"has-thread-local": false'
  expect_not_contains "$spec" '"tls-model"'
  RUSTC_BOOTSTRAP=1 /usr/bin/rustc -Z unstable-options --print cfg --target genode-163.json >/dev/null ||
    fail "rustc 1.63 does not accept the spec derived with it"
fi
[ "$ran" = 1 ] || skip "no Rust toolchain here: neither a rustup nightly nor Debian's rustc"
echo "ok"
