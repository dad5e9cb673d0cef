#!/usr/bin/env bash
# Builds the Debian package: BUILD_DIR/xport_<version>_<arch>.deb (BUILD_DIR defaults to build/;
# a configured build folder given here is reused as it is). The package holds what
# `cmake --install` installs under /usr, binaries stripped: /usr/bin/xport,
# /usr/libexec/xport/*, the manual page, bash and zsh completion, the documentation and the target
# profiles. Depends come from dpkg-shlibdeps (the shared libraries the binaries load) plus the
# tools xport drives; Recommends what some commands need.
#   scripts/package.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(realpath -m "${1:-$root/build}")
for tool in dpkg-deb dpkg-shlibdeps dpkg-architecture cmake ninja; do
  command -v "$tool" >/dev/null ||
    { echo "package.sh: $tool is missing; install it with 'apt-get install dpkg-dev cmake ninja-build'" >&2; exit 1; }
done
if [ -f "$build/CMakeCache.txt" ]; then
  ninja -C "$build" xport_main xport_full xport_abi_reader xport_manpage
else
  [ "$build" = "$root/build" ] ||
    { echo "package.sh: $build is not a configured build folder (no CMakeCache.txt); configure it, or leave the argument out to use build/" >&2; exit 1; }
  bash "$root/scripts/build.sh"
fi

version=$(sed -n 's/^project(xport VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
arch=$(dpkg-architecture -qDEB_HOST_ARCH)
[ -n "$version" ] || { echo "package.sh: no version in $root/CMakeLists.txt's project()" >&2; exit 1; }
stage=$(mktemp -d "$build/package.XXXXXX")
trap 'rm -rf "$stage"' EXIT
DESTDIR="$stage/root" cmake --install "$build" --prefix /usr --strip >/dev/null

# The shared libraries the binaries load, as Debian names their packages.
mkdir -p "$stage/debian"
printf 'Source: xport\n\nPackage: xport\nArchitecture: any\n' >"$stage/debian/control"
shlibs=$(cd "$stage" && dpkg-shlibdeps -O --ignore-missing-info \
  root/usr/bin/xport root/usr/libexec/xport/xport-full root/usr/libexec/xport/xport-abi-reader \
  2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$shlibs" ] || { echo "package.sh: dpkg-shlibdeps found no dependencies" >&2; exit 1; }

mkdir -p "$stage/root/DEBIAN"
size=$(du -sk "$stage/root/usr" | cut -f1)
cat >"$stage/root/DEBIAN/control" <<CONTROL
Package: xport
Version: $version
Architecture: $arch
Maintainer: xport developers <xport@localhost>
Installed-Size: $size
Depends: $shlibs, clang-19 | clang-16 | clang-15 | clang-14 | clang, lld-19 | lld-16 | lld-15 | lld-14 | lld
Recommends: qemu-user, proot, libcurl4, apt, libclang-rt-19-dev | libclang-rt-14-dev, bash-completion
Suggests: rustc-web, cargo-web, rust-web-src, meson, cmake, xorriso
Section: devel
Priority: optional
Homepage: https://localhost/xport
Description: port software to operating systems the upstream toolchains don't fully support
 xport makes porting to Genode, the BSDs, and hobby and embedded systems a
 repeatable, checked process: target profiles as data that inherit and
 override, sysroots taken out of OS media without root, xport cc and c++ as
 drop-in cross compilers (clang and lld) with CMake, Meson, Cargo and autotools
 integration, Rust through derived target specs with std built from source,
 checks of binaries before they run, and ABI facts computed from sysroots.
CONTROL
deb="$build/xport_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz -z6 --build "$stage/root" "$deb" >/dev/null
echo "$deb"
