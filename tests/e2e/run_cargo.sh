# cargo test runs a crate's own tests through xport run: on the host's target with the runner
# from `xport emit cargo`, and for aarch64 with `xport cargo`, which builds std for it and sets the
# same runner, under qemu.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/run_lib.bash"
command -v cargo >/dev/null || skip "cargo is not installed"
export CARGO_NET_OFFLINE=true
cd "$WORK"

cargo new --lib --vcs none probe >/dev/null 2>&1 || fail "cargo new failed"
cat >probe/src/lib.rs <<'RUST'
pub fn add(a: i32, b: i32) -> i32 { a + b }

#[cfg(test)]
mod tests {
    #[test]
    fn adds() { assert_eq!(super::add(3, 4), 7); }

    #[test]
    fn runs_as_the_test_binary() {
        // The runner puts the program itself first, not a wrapper.
        assert!(std::env::args().next().unwrap().contains("/deps/probe-"));
    }

    #[test]
    #[ignore]
    fn aborts() { std::process::abort(); }
}
RUST

run_cargo_tests() { # TARGET FRAGMENT [cargo options...]
  local target=$1 fragment=$2
  shift 2
  step cargo test --manifest-path probe/Cargo.toml --target "$target" --config "$fragment" "$@"
}

host=$(uname -m)-unknown-linux-gnu
mkdir -p host-sysroot
step "$XPORT" emit cargo --target "$host" --sysroot "$WORK/host-sysroot" -o host.toml
cat host.toml
grep -q '^runner = \[".*", "run", "--target", "'"$host"'"' host.toml || fail "no runner in the Cargo fragment"
# The host's own cc links (the emitted linker needs a sysroot, which the host target lacks here);
# the runner is the fragment's.
linker=(--config "target.$host.linker=\"cc\"")
out=$(run_cargo_tests "$host" host.toml "${linker[@]}" 2>&1) || fail "cargo test failed: $out"
echo "$out"
expect_contains "$out" "test result: ok. 2 passed"
expect_contains "$out" "Running unittests src/lib.rs"
status=0
out=$(run_cargo_tests "$host" host.toml "${linker[@]}" -- --ignored 2>&1) || status=$?
echo "$out"
[ $status -ne 0 ] || fail "cargo test passed although the test aborts"
expect_contains "$out" "signal: 6, SIGABRT"
expect_contains "$out" "xport run --target $host"

# aarch64: `xport cargo aarch64-unknown-linux-gnu test` builds std for aarch64 from the
# toolchain's source (once, shared with every later build), links the test binary with xport cc
# against Debian's arm64 sysroot, and runs it under qemu-aarch64 through xport run: a passing
# test, a should_panic test, a test that runs on aarch64, and a failing test reported as failing.
source "$(dirname "$0")/rust_lib.bash"
require_vendored_rust
import_arm64_sysroot
cat >probe/src/lib.rs <<'RUST'
pub fn add(a: i32, b: i32) -> i32 { a + b }

#[cfg(test)]
mod tests {
    #[test]
    fn adds() { assert_eq!(super::add(3, 4), 7); }

    #[test]
    fn runs_on_aarch64() { assert_eq!(std::env::consts::ARCH, "aarch64"); }

    #[test]
    #[should_panic(expected = "out of range")]
    fn panics() { let v: Vec<u8> = Vec::new(); if v.get(3).is_none() { panic!("index 3 out of range"); } }

    #[test]
    fn fails() { assert_eq!(super::add(2, 2), 5, "two and two"); }
}
RUST
cd probe
status=0
out=$("$XPORT" cargo $arm64_target --rustc "$RUSTC_1_96" test 2>&1) || status=$?
echo "$out" | grep -vE '^\s+Compiling ' | tail -40
[ $status -ne 0 ] || fail "cargo test passed although one test fails"
expect_contains "$out" "CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER="
expect_contains "$out" "test tests::adds ... ok"
expect_contains "$out" "test tests::runs_on_aarch64 ... ok"
expect_contains "$out" "test tests::panics - should panic ... ok"
expect_contains "$out" "test tests::fails ... FAILED"
expect_contains "$out" "two and two"
expect_contains "$out" "test result: FAILED. 3 passed; 1 failed"
file target/xport-$arm64_target/$arm64_target/debug/deps/probe-* | grep -q "ARM aarch64" ||
  fail "the test binary is not an aarch64 program"
expect_status 0 "$XPORT" cargo $arm64_target --rustc "$RUSTC_1_96" test -- --skip fails
expect_contains "$OUT" "test result: ok. 3 passed; 0 failed"

# Crates offline from Debian's packages: /usr/share/cargo/registry (librust-tokio-dev and what it
# depends on) as a directory source. A Tokio program (multi-threaded runtime, channels, a TCP echo
# on 127.0.0.1 through mio's epoll) built for aarch64 with the std built above, run under qemu by
# `xport cargo ... run`.
cd "$WORK"
write_tokio_crate tok
cd tok
started=$(date +%s.%N)
status=0
out=$("$XPORT" cargo $arm64_target --rustc "$RUSTC_1_96" run --release 2>&1) || status=$?
echo "$out" | grep -vE '^\s+Compiling ' | tail -15
echo "Tokio for aarch64, built and run: $(elapsed_since "$started") s"
[ $status -eq 0 ] || fail "xport cargo run of the Tokio program exited $status"
expect_contains "$(grep -A1 '^name = "tokio"' Cargo.lock)" 'version = "1.'
expect_contains "$out" "total 150500 on aarch64"
file target/xport-$arm64_target/$arm64_target/release/tok | grep -q "ARM aarch64" ||
  fail "the Tokio program is not an aarch64 program"
echo "ok: cargo test ran the crate's tests through xport run, on the host and for aarch64 under qemu; Tokio from Debian's crates ran under qemu"
