#!/usr/bin/env bash
# `xport cargo`: a std hello world with a thread_local!, built with -Z build-std for the derived
# profile without FS-based thread-locals, runs. Every installed toolchain is tried (rustup's
# nightly and stable, Debian's rustc 1.63 where the has-thread-local = false fallback applies);
# the scenario skips, saying what each one lacked, when none can build std (cargo's build-std
# needs rust-src with its Cargo.lock, and the library's dependencies from crates.io).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/rust_lib.bash"
cd "$WORK"
write_nofs_profile

mkdir -p hello/src
cat >hello/Cargo.toml <<'TOML'
[package]
name = "hello"
version = "0.1.0"
edition = "2021"
TOML
cat >hello/src/main.rs <<'RS'
use std::cell::Cell;
thread_local!(static COUNT: Cell<u32> = Cell::new(0));
fn main() {
    let worker = std::thread::spawn(|| { COUNT.with(|c| c.set(c.get() + 5)); COUNT.with(|c| c.get()) });
    COUNT.with(|c| c.set(c.get() + 1));
    println!("hello from x86_64-linux-nofs: main {} worker {}", COUNT.with(|c| c.get()), worker.join().unwrap());
}
RS

cd hello
# The command xport runs, against the real cargo of each toolchain (--dry-run plans it even where
# build-std cannot work, with a warning saying why).
if rustup_toolchains | grep -qx nightly; then
  expect_status 0 "$XPORT" cargo x86_64-linux-nofs --toolchain nightly --dry-run build --release
  expect_contains "$OUT" "cargo build -Z build-std=std,panic_abort -Z json-target-spec --target "
  expect_contains "$OUT" "--target-dir $WORK/hello/target/xport-x86_64-linux-nofs --release"
  expect_contains "$OUT" "CARGO_PROFILE_RELEASE_PANIC=abort"
  expect_not_contains "$OUT" "RUSTC_BOOTSTRAP=1"
fi
if [ -x /usr/bin/cargo ]; then
  expect_status 0 "$XPORT" cargo x86_64-linux-nofs --rustc /usr/bin/rustc --dry-run build
  expect_contains "$OUT" "RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1"
  expect_contains "$OUT" "/usr/bin/cargo build -Z build-std=std,panic_abort --target "
  expect_not_contains "$OUT" "json-target-spec"
fi

toolchains=()
for t in $(rustup_toolchains); do toolchains+=("--toolchain $t"); done
[ -x /usr/bin/rustc ] && toolchains+=("--rustc /usr/bin/rustc")
[ ${#toolchains[@]} -gt 0 ] || skip "no Rust toolchain installed"

reasons=()
built=""
for t in "${toolchains[@]}"; do
  # shellcheck disable=SC2086
  if out=$("$XPORT" cargo x86_64-linux-nofs $t build 2>&1); then
    built=$t
    echo "$out" | tail -3
    break
  fi
  reasons+=("$t: $(grep -m1 'error' <<<"$out")")
done
if [ -z "$built" ]; then
  printf '%s\n' "${reasons[@]}"
  skip "no installed toolchain can build std with cargo -Z build-std: ${reasons[*]}"
fi
program=target/xport-x86_64-linux-nofs/x86_64-linux-nofs/debug/hello
expect_contains "$("./$program")" "hello from x86_64-linux-nofs: main 1 worker 5"
echo "built with $built"
echo "ok"
