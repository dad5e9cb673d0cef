#!/usr/bin/env bash
# Emulated TLS that runs: a user profile "x86_64 Linux, except tls-model = emulated". `xport cargo`
# builds std from the toolchain's source for it (offline, from rust-web-src's vendored crates),
# links through xport cc against the host's glibc, and the program runs here: four threads and
# main each count in a thread_local!, and every total is right. No instruction of the program
# reads %fs (glibc's own code is in libc.so.6, not in the program), so `xport check` is clean,
# while the same crate built the ordinary way is flagged.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/rust_lib.bash"
require_vendored_rust
cd "$WORK"
write_nofs_profile
write_counting_crate counter
cd counter

# The plan first: std is built once into the cache, then cargo runs against it.
expect_status 0 "$XPORT" cargo x86_64-linux-nofs --rustc "$RUSTC_1_96" --sysroot / --dry-run build --release
echo "$OUT"
expect_contains "$OUT" "cargo build -Z json-target-spec --target "
expect_contains "$OUT" "--target-dir $WORK/counter/target/xport-x86_64-linux-nofs"
expect_contains "$OUT" "target.x86_64-linux-nofs.rustflags=[\"--sysroot\", "
expect_contains "$OUT" "CARGO_PROFILE_RELEASE_PANIC=abort"
expect_contains "$OUT" "RUSTC_BOOTSTRAP=1"
expect_contains "$OUT" "cargo build --release -Z build-std=std,panic_abort,test -Z json-target-spec" "the std build"
expect_contains "$OUT" "--offline --config 'source.crates-io.replace-with=\"xport-library-vendor\"'"
expect_not_contains "$(tail -1 <<<"$OUT")" "build-std" "the user's build (std comes prebuilt)"

started=$(date +%s.%N)
out=$("$XPORT" cargo x86_64-linux-nofs --rustc "$RUSTC_1_96" --sysroot / build --release 2>&1) ||
  { echo "$out"; fail "xport cargo build failed"; }
echo "$out" | grep -E '^xport: (built|building)' || true
echo "first build: $(elapsed_since "$started") s"
program=target/xport-x86_64-linux-nofs/x86_64-linux-nofs/release/counter
expect_contains "$("./$program")" "threads counted [1000, 2000, 3000, 4000], main counted 7"
[ "$(objdump -d --no-show-raw-insn "$program" | grep -c '%fs:')" = 0 ] ||
  fail "objdump shows %fs reads in a program built for emulated TLS"
expect_status 0 "$XPORT" check --target x86_64-linux-nofs "$program"
expect_not_contains "$OUT" "[thread-pointer-read]"

# A build killed mid-way left a scratch folder (its process is gone): the next run removes it.
abandoned="$XDG_CACHE_HOME/xport/rust/std/.build-999999999-killed"
mkdir -p "$abandoned/target"

# A second project for the same profile reuses the built std: nothing of std is compiled again.
cd "$WORK"
write_counting_crate again
cd again
started=$(date +%s.%N)
expect_status 0 "$XPORT" cargo x86_64-linux-nofs --rustc "$RUSTC_1_96" --sysroot / build --release
expect_not_contains "$OUT" "building the standard library"
expect_not_contains "$OUT" "Compiling std"
echo "another project, std from the cache: $(elapsed_since "$started") s"
[ ! -e "$abandoned" ] || fail "the abandoned scratch folder $abandoned is still there"

# The ordinary build of the same crate reads its thread-locals through %fs: flagged.
cd "$WORK/counter"
step "$RUSTC_1_96" -O --edition 2021 src/main.rs -o ordinary
expect_status 1 "$XPORT" check --target x86_64-linux-nofs ordinary
expect_contains "$OUT" "[thread-pointer-read]: reads the thread pointer (%fs)"
echo "ok"
