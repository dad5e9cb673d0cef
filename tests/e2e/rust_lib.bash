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

# write_tokio_crate DIR: a Tokio program (multi-threaded runtime, channels, a TCP echo on
# 127.0.0.1) whose crates come offline from Debian's packages: /usr/share/cargo/registry
# (librust-tokio-dev and what it depends on) as a directory source. It prints
# "total 150500 on <arch>". Skips the scenario when Debian's Tokio is not installed.
debian_registry=/usr/share/cargo/registry
write_tokio_crate() {
  compgen -G "$debian_registry/tokio-1.*" >/dev/null ||
    skip "no Tokio sources in $debian_registry: apt-get install librust-tokio-dev"
  mkdir -p "$1/src" "$1/.cargo"
  printf '[package]\nname = "%s"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\ntokio = { version = "1", features = ["full"] }\n' \
    "$(basename "$1")" >"$1/Cargo.toml"
  printf '[source.crates-io]\nreplace-with = "debian"\n\n[source.debian]\ndirectory = "%s"\n' \
    "$debian_registry" >"$1/.cargo/config.toml"
  cat >"$1/src/main.rs" <<'RS'
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> std::io::Result<()> {
    let (tx, mut rx) = mpsc::channel(8);
    for i in 1..=4u64 {
        let tx = tx.clone();
        tokio::spawn(async move { tx.send((1..=i * 100).sum::<u64>()).await.unwrap() });
    }
    drop(tx);
    let mut total = 0;
    while let Some(n) = rx.recv().await {
        total += n;
    }
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let server = tokio::spawn(async move {
        let (mut s, _) = listener.accept().await?;
        let mut buf = String::new();
        s.read_to_string(&mut buf).await?;
        Ok::<_, std::io::Error>(buf)
    });
    let mut c = TcpStream::connect(addr).await?;
    c.write_all(format!("total {total} on {}", std::env::consts::ARCH).as_bytes()).await?;
    drop(c);
    println!("{}", server.await.unwrap()?);
    Ok(())
}
RS
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
