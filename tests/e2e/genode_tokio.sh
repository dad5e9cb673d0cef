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
toolchain_libc=$(ls -d /usr/lib/rustlib/src/rust/library/vendor/libc-0.2.* | sort -V | tail -1)
cd "$WORK"
write_tokio_crate tok
printf '\n[net]\noffline = true\n' >>tok/.cargo/config.toml

step "$XPORT" sysroot import "$base" --target x86_64-unknown-genode >/dev/null
step "$XPORT" sysroot add x86_64-unknown-genode "$genode" >/dev/null

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
