# Shared by the rust_*.sh scenarios: derived profiles as user profiles, a cache shared across
# scenarios and runs (so each standard library is built once per toolchain and spec), the crates
# the scenarios build, and the installed toolchains.

# Derived specs, linker wrappers and standard libraries are reused across scenarios and runs.
export XDG_CACHE_HOME="$XPORT_TEST_CACHE/xdg-cache"
# The Rust with library source and vendored std dependencies (Debian: rustc-web, cargo-web,
# rust-web-src); std is built from it offline.
RUSTC_1_96=/usr/bin/rustc

# Skips only when that toolchain is absent (a machine without scripts/install-deps.sh).
require_vendored_rust() {
  [ -x "$RUSTC_1_96" ] && [ -d /usr/lib/rustlib/src/rust/library/vendor ] ||
    skip "no Rust with vendored library source: apt-get install rustc-web cargo-web rust-web-src"
}

# elapsed_since START: seconds since START (date +%s.%N), one decimal.
elapsed_since() {
  python3 -c "import sys,time; print(f'{time.time()-float(sys.argv[1]):.1f}')" "$1"
}

# write_counting_crate DIR: a program whose four threads each count in a thread_local! (thread i
# to i*1000) while main counts to 7; it prints the totals each thread saw.
write_counting_crate() {
  mkdir -p "$1/src"
  printf '[package]\nname = "%s"\nversion = "0.1.0"\nedition = "2021"\n' "$1" >"$1/Cargo.toml"
  cat >"$1/src/main.rs" <<'RS'
use std::cell::Cell;
thread_local!(static COUNT: Cell<u64> = Cell::new(0));

#[inline(never)]
fn bump() { COUNT.with(|c| c.set(c.get() + 1)); }

fn main() {
    let workers: Vec<_> = (1..=4u64)
        .map(|i| std::thread::spawn(move || { for _ in 0..i * 1000 { bump(); } COUNT.with(|c| c.get()) }))
        .collect();
    for _ in 0..7 { bump(); }
    let seen: Vec<u64> = workers.into_iter().map(|w| w.join().unwrap()).collect();
    println!("threads counted {:?}, main counted {}", seen, COUNT.with(|c| c.get()));
}
RS
}

# The user profile, in the user search path ($XDG_CONFIG_HOME/xport/targets, per scenario); it
# resolves to the same fields every run, so cached specs and standard libraries stay valid.
write_nofs_profile() {
  mkdir -p "$XDG_CONFIG_HOME/xport/targets"
  cat >"$XDG_CONFIG_HOME/xport/targets/x86_64-linux-nofs.toml" <<'TOML'
# x86_64 Linux, but no thread-local may be reached through %fs (as on Genode): C and Rust get
# emulated TLS (__emutls_get_address); toolchains without Rust's emulated model get key-based
# thread-locals instead.
name = "x86_64-linux-nofs"
inherits = "x86_64-unknown-linux-gnu"
description = "x86_64 Linux without FS-based thread-locals (test profile)"
tls-model = "emulated"

[rust]
base = "x86_64-unknown-linux-gnu"
panic = "abort"
TOML
}

rustup_toolchains() {
  ls "${RUSTUP_HOME:-$HOME/.rustup}/toolchains" 2>/dev/null | sed 's/-.*//' | sort -u
}
