#!/usr/bin/env bash
# A Tokio program (multi-threaded runtime, channels, a TCP echo through mio's kqueue) built for
# Genode offline from Debian's crate sources (/usr/share/cargo/registry as a directory source),
# with Rust 1.96 and std from source, linked against Genode's ABI and checked against it.
# Debian's libc crate (0.2.139) binds FreeBSD 11's ABI: its kevent and stat are the versioned
# kevent@FBSD_1.0 and stat@FBSD_1.0, with FreeBSD 11's structure layouts, which Genode's libc
# (FreeBSD 12's) does not have. The link says so; with the toolchain's own libc crate (0.2.183,
# FreeBSD 12's ABI, as std uses) patched in, the program builds and checks clean.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/rust_lib.bash"
source "$(dirname "$0")/genode_lib.bash"
base=$(real_media freebsd-13.2-amd64-base.txz)
genode=$(real_media genode-abi-ffb059da.tar.xz)
require_vendored_rust
registry=/usr/share/cargo/registry
compgen -G "$registry/tokio-1.*" >/dev/null ||
  skip "no Tokio sources in $registry: apt-get install librust-tokio-dev"
toolchain_libc=$(ls -d /usr/lib/rustlib/src/rust/library/vendor/libc-0.2.* | sort -V | tail -1)
cd "$WORK"

step "$XPORT" sysroot import "$base" --target x86_64-unknown-genode >/dev/null
step "$XPORT" sysroot add x86_64-unknown-genode "$genode" >/dev/null

mkdir -p tok/src tok/.cargo
cat >tok/Cargo.toml <<'TOML'
[package]
name = "tok"
version = "0.1.0"
edition = "2021"

[dependencies]
tokio = { version = "1", features = ["full"] }
TOML
cat >tok/.cargo/config.toml <<TOML
[source.crates-io]
replace-with = "debian"

[source.debian]
directory = "$registry"

[net]
offline = true
TOML
cat >tok/src/main.rs <<'RS'
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
    c.write_all(format!("total {total}").as_bytes()).await?;
    drop(c);
    println!("{}", server.await.unwrap()?);
    Ok(())
}
RS
cd tok
# Debian's libc crate: FreeBSD 11's versioned symbols, which no Genode library defines.
expect_status 101 "$XPORT" cargo x86_64-unknown-genode --rustc "$RUSTC_1_96" build --release
expect_contains "$OUT" "undefined symbol: kevent@FBSD_1.0"
expect_contains "$(grep -A1 '^name = "libc"' Cargo.lock)" 'version = "0.2.139"'

# The toolchain's libc crate (FreeBSD 12's ABI, the default of libc 0.2.149 and later).
printf '\n[patch.crates-io]\nlibc = { path = "%s" }\n' "$toolchain_libc" >>.cargo/config.toml
rm Cargo.lock
started=$(date +%s.%N)
step "$XPORT" cargo x86_64-unknown-genode --rustc "$RUSTC_1_96" build --release
echo "Tokio for Genode: $(elapsed_since "$started") s"
expect_contains "$(grep -A1 '^name = "libc"' Cargo.lock)" "version = \"${toolchain_libc##*-}\""
expect_contains "$(grep -A1 '^name = "tokio"' Cargo.lock)" 'version = "1.24'
tok=target/xport-x86_64-unknown-genode/x86_64-unknown-genode/release/tok
check_genode "$tok"
dynsym=$(readelf --dyn-syms -W "$tok")
for f in kqueue kevent socket connect accept4 pthread_create _umtx_op; do
  grep -Eq " UND $f\$" <<<"$dynsym" || fail "the Tokio program does not import $f"
done
echo "ok"
