# cargo test runs a crate's own tests through the runner from `xport emit cargo` (xport run): on
# the host's target here, and cross-built for aarch64 under qemu when a Rust toolchain with an
# aarch64-unknown-linux-gnu standard library is installed (else that half is skipped, saying why).
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

# aarch64: needs a prebuilt standard library for the target (no rust-src, no network here for
# -Z build-std).
toolchain=
for t in $(rustup toolchain list 2>/dev/null | awk '{print $1}'); do
  if rustup +"$t" target list --installed 2>/dev/null | grep -qx "$arm64_target"; then
    toolchain=$t
    break
  fi
done
[ -n "$toolchain" ] || skip "host half passed; the aarch64 half needs a Rust standard library for" \
  "$arm64_target, and no installed toolchain has one (rustup target list --installed:" \
  "$(rustup target list --installed 2>/dev/null | tr '\n' ' ')); install it with" \
  "'rustup target add $arm64_target' (-Z build-std would need rust-src and the network)"

import_arm64_sysroot
step "$XPORT" emit cargo --target $arm64_target -o arm64.toml
out=$(run_cargo_tests $arm64_target arm64.toml +"$toolchain" 2>&1) || fail "cargo test for aarch64 failed: $out"
echo "$out"
expect_contains "$out" "test result: ok. 2 passed"
echo "ok: cargo test ran the crate's tests through xport run, on the host and for aarch64"
