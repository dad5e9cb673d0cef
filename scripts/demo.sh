#!/usr/bin/env bash
# xport's main job on real media, step by step as a user would type it:
#   1. targets are data: the catalog, and Genode as "FreeBSD, except tls-model = emulated";
#   2. a sysroot imported from Debian's aarch64 packages (downloaded here), no root, no mount;
#   3. C and C++ programs cross-compiled with xport cc / c++, inspected, checked, run under qemu;
#   4. the Genode story: a native-TLS program is flagged by `xport check` and crashes on a runtime
#      with no TLS area behind %fs; built for the emulated-TLS profile it runs;
#   5. the same story in Rust with a real standard library and FreeBSD 13.2's real base.txz (from
#      ../shared/media or $XPORT_TEST_MEDIA): std built from source for the Genode profile, checked
#      clean, while the FreeBSD build of the same crate is flagged with std's functions named;
#   6. Genode for real: Genode's ABI layered from its own tree (../shared/media's archive of it),
#      Goa's hello_rust built with Rust 1.96 and linked as Genode links it, checked against the ABI.
# Works in build/demo with a store of its own, so it can be run again at any time.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export PATH="${XPORT_BIN_DIR:-$root/build/bin}:$PATH"
demo="$root/build/demo"
media="$root/build/demo-media" # downloads are kept between runs
rm -rf "$demo"
mkdir -p "$demo" "$media"
cd "$demo"
export XPORT_HOME="$demo/store"

bold=$'\033[1m' plain=$'\033[0m'
[ -t 1 ] || bold='' plain=''
step() {
  printf '\n%s$ %s%s\n' "$bold" "$*" "$plain"
  "$@"
}
# A step whose non-zero exit is the point (a check with findings, a crash): shows the status.
step_fails() {
  printf '\n%s$ %s%s\n' "$bold" "$*" "$plain"
  local status=0
  "$@" || status=$?
  [ "$status" -ne 0 ] || { echo "demo: expected '$*' to fail" >&2; exit 1; }
  echo "(exit status $status$([ "$status" -gt 128 ] && echo ", signal $((status - 128))"))"
}
demo_start=$(date +%s)
# A step's title, with the time since the demo began (and since the quick start began, when
# scripts/quickstart.sh runs the demo).
say() {
  local now=$(date +%s) since=""
  [ -z "${XPORT_QUICKSTART_START:-}" ] || since=", $((now - XPORT_QUICKSTART_START)) s into the quick start"
  printf '\n%s# %s%s  [%d s into the demo%s]\n' "$bold" "$*" "$plain" $((now - demo_start)) "$since"
}

say "1. Targets are data. Genode is 'FreeBSD, except tls-model = emulated':"
step xport target list
step xport target diff x86_64-unknown-freebsd x86_64-unknown-genode

say "2. A sysroot from real media: Debian's aarch64 packages, imported without root or mount."
debs=(libc6-arm64-cross libc6-dev-arm64-cross linux-libc-dev-arm64-cross libgcc-12-dev-arm64-cross
  libgcc-s1-arm64-cross libstdc++-12-dev-arm64-cross libstdc++6-arm64-cross)
(cd "$media" && step apt-get download "${debs[@]}")
step xport sysroot import "$media"/*.deb --target aarch64-unknown-linux-gnu
step xport sysroot show aarch64-unknown-linux-gnu

say "3. Cross-compile C and C++ for aarch64, inspect and check the binaries, run them under qemu."
cat >hello.c <<'C'
#include <stdio.h>
int main(int argc, char **argv) {
  printf("hello from C on aarch64, %d argument(s)\n", argc - 1);
  return 0;
}
C
cat >hello.cpp <<'CPP'
#include <iostream>
#include <string>
#include <vector>
int main() {
  std::vector<std::string> words{"hello", "from", "C++", "on", "aarch64"};
  for (const auto& w : words) std::cout << w << ' ';
  std::cout << '\n';
}
CPP
step xport cc --target aarch64-unknown-linux-gnu hello.c -o hello
step xport c++ --target aarch64-unknown-linux-gnu hello.cpp -o hello++
step xport inspect hello hello++
step xport check --target aarch64-unknown-linux-gnu hello hello++
step xport run --target aarch64-unknown-linux-gnu ./hello one two
step xport run --target aarch64-unknown-linux-gnu ./hello++

say "4. The Genode story: a runtime with no TLS area behind %fs (examples/genode-like)."
example="$root/examples/genode-like"
step bash "$example/build.sh" "$demo/genode-sysroot" >/dev/null
genode=(--profile "$example/x86_64-genode-like.toml" --target x86_64-genode-like
  --sysroot "$demo/genode-sysroot")
say "Compiled with native TLS (as a prebuilt std would be), linked for the Genode-like runtime:"
step xport cc --target x86_64-unknown-linux-gnu --sysroot "$demo/genode-sysroot" \
  -c "$example/tls_counter.c" -o tls_native.o
step xport cc "${genode[@]}" tls_native.o -o tls-native
say "xport check explains the crash before it happens:"
step_fails xport check "${genode[@]}" tls-native
say "and it does crash, at the first TLS access:"
step_fails xport run "${genode[@]}" ./tls-native
say "Built for the profile (tls-model = emulated), it is clean and runs:"
step xport cc "${genode[@]}" "$example/tls_counter.c" -o tls-emulated
step xport check "${genode[@]}" tls-emulated
step xport run "${genode[@]}" ./tls-emulated

base=${XPORT_TEST_MEDIA:-$root/../shared/media}/freebsd-13.2-amd64-base.txz
if [ -f "$base" ] && [ -d /usr/lib/rustlib/src/rust/library/vendor ]; then
  say "5. Rust with a real std on FreeBSD 13.2's real base: Genode, then plain FreeBSD."
  step xport sysroot import "$base" --target x86_64-unknown-genode
  step xport sysroot import "$base" --target x86_64-unknown-freebsd
  mkdir -p counter/src
  printf '[package]\nname = "counter"\nversion = "0.1.0"\nedition = "2021"\n' >counter/Cargo.toml
  cat >counter/src/main.rs <<'RS'
use std::cell::Cell;
thread_local!(static COUNT: Cell<u64> = Cell::new(0));
fn main() {
    let workers: Vec<_> = (1..=4u64)
        .map(|i| std::thread::spawn(move || { for _ in 0..i * 1000 { COUNT.with(|c| c.set(c.get() + 1)); } COUNT.with(|c| c.get()) }))
        .collect();
    println!("{:?}", workers.into_iter().map(|w| w.join().unwrap()).collect::<Vec<_>>());
}
RS
  cd counter
  say "std is built from rust-web-src once per target (offline), then cached:"
  step xport cargo x86_64-unknown-genode --rustc /usr/bin/rustc build --release
  step xport cargo x86_64-unknown-freebsd --rustc /usr/bin/rustc build --release
  program=release/counter
  step xport inspect target/xport-x86_64-unknown-genode/x86_64-unknown-genode/$program
  say "Built for Genode: no thread-pointer read; one import Genode's libc lacks:"
  step xport check --target x86_64-unknown-genode --sysroot x86_64-unknown-genode \
    target/xport-x86_64-unknown-genode/x86_64-unknown-genode/$program
  say "Built with FreeBSD's std and run on Genode: the Rust 1.77 crash, named before it runs:"
  step_fails xport check --target x86_64-unknown-genode --sysroot x86_64-unknown-genode \
    target/xport-x86_64-unknown-freebsd/x86_64-unknown-freebsd/$program
  cd "$demo"
else
  say "5. (skipped: no $base, or no Rust library source with vendored crates: apt-get install rustc-web cargo-web rust-web-src)"
fi

genode_tree=${XPORT_TEST_MEDIA:-$root/../shared/media}/genode-abi-ffb059da.tar.xz
if [ -f "$base" ] && [ -f "$genode_tree" ] && [ -d /usr/lib/rustlib/src/rust/library/vendor ]; then
  say "6. Genode for real: its ABI from Genode's own tree (symbol files, linker script), as a layer."
  step xport sysroot add x86_64-unknown-genode "$genode_tree"
  tar xf "$genode_tree" genode-abi/goa/examples/hello_rust
  cd genode-abi/goa/examples/hello_rust/src
  say "Goa's hello_rust, with Rust 1.96 (Goa pins a 2025 nightly: newer std needs what Genode lacks):"
  step xport cargo x86_64-unknown-genode --rustc /usr/bin/rustc build --release
  hello=target/xport-x86_64-unknown-genode/x86_64-unknown-genode/release/hello-rust
  printf '\n%s$ readelf -d -l %s | grep -E '"'"'interpreter|NEEDED'"'"'%s\n' "$bold" "$hello" "$plain"
  readelf -d -l "$hello" | grep -E 'interpreter|NEEDED'
  say "Every import is in the symbol files of the APIs it uses (base, libc, posix):"
  step xport check --target x86_64-unknown-genode "$hello"
  cd "$demo"
else
  say "6. (skipped: no $genode_tree, or no Rust library source)"
fi

say "Done. The binaries are in $demo; the sysroot store is $XPORT_HOME."
