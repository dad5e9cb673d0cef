#!/usr/bin/env bash
# Installs every Debian 12 package xport needs to build, test and benchmark. Safe to run again:
# apt-get installs only what is missing. Used by the README's quick start and by .ci/run.
#   install-deps.sh            everything
#   install-deps.sh --build    only what building xport needs (the quick start builds while the
#                              rest installs)
#   install-deps.sh --rest     everything but that
set -euo pipefail
only=${1:-}
case $only in "" | --build | --rest) ;; *) echo "usage: install-deps.sh [--build|--rest]" >&2; exit 2 ;; esac

build_packages=(
  build-essential cmake ninja-build pkg-config ccache python3
  libarchive-dev libtomlplusplus-dev nlohmann-json3-dev libcli11-dev libfmt-dev libxxhash-dev
  llvm-14-dev libclang-14-dev zlib1g-dev libzstd-dev
  # libarchive's static archive and those of what its readers need (linked in: src/CMakeLists.txt)
  nettle-dev liblz4-dev liblzma-dev libbz2-dev libncurses-dev
  libcurl4-openssl-dev libgtest-dev libgmock-dev libbenchmark-dev
)
packages=(
  # the toolchains xport drives: Debian 12's default clang 14 and the newer ones it packages
  # (xport picks the newest clang with its lld; tests run the driver with 14 and with 19);
  # llvm gives the unversioned llvm-ar, llvm-objcopy ... that examples and tests run
  clang-14 clang lld-14 lld llvm-14 llvm libclang-rt-14-dev
  clang-15 lld-15 clang-16 lld-16 clang-19 lld-19 libclang-rt-19-dev
  # tests: media, foreign binaries, reference tools
  qemu-user proot xorriso libarchive-tools file binutils python3 musl-dev musl-tools xxhash curl
  # tests: signify files made for the fetch scenario (Ed25519)
  openssl
  # tests: build systems driven through xport
  meson
  # the Debian package (scripts/package.sh) and its test: dpkg-shlibdeps, the manual page, zsh
  dpkg-dev man-db zsh
  # tests: build farms as XPORT_LAUNCHER (daemons on 127.0.0.1 or in a network namespace), and
  # real projects (SQLite's autotools release from npm's sqlite3 package, GoogleTest's sources)
  distcc icecc sccache iproute2 util-linux
  # Rust 1.96 with its library source and the vendored crates std needs, so `xport cargo` builds
  # std from source offline (docs/rust.md); they replace Debian's rustc/cargo/rust-src 1.63
  rustc-web cargo-web rust-web-src
  # tests: a Tokio program built offline for Genode from Debian's crate sources
  # (/usr/share/cargo/registry as a directory source)
  librust-tokio-dev
  # xport abi bindgen runs Debian's bindgen
  bindgen
  # benchmarks
  hyperfine
)
# npm fetches a test's sources from npm's registry; a Node.js that bundles npm (NodeSource's
# conflicts with Debian's npm package) is kept.
command -v npm >/dev/null || packages+=(npm)
case $only in
--build) packages=("${build_packages[@]}") ;;
"") packages=("${build_packages[@]}" "${packages[@]}") ;;
esac

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  as_root=(sudo)
fi

export DEBIAN_FRONTEND=noninteractive
# One update per quick start: --rest follows --build by a few seconds.
lists=/var/lib/apt/lists
if [ "$only" != --rest ] || [ -z "$(find "$lists" -maxdepth 1 -name '*Packages*' -mmin -60 2>/dev/null)" ]; then
  "${as_root[@]}" apt-get update -qq
fi
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
# distccd runs only compilers linked from /usr/lib/distcc; make the links for the clangs just
# installed (the package makes them only for compilers present when it is configured).
[ "$only" = --build ] || "${as_root[@]}" update-distcc-symlinks
echo "install-deps: ${#packages[@]} packages present"
