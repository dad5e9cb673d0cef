# A CMake project and a Meson project, each a shared library and a C++ program using it, cross-built
# for aarch64 Linux with the files `xport emit` writes, then run under qemu-aarch64. Plus the Cargo
# fragment and the clang config file: the latter builds a program with plain `clang --config`.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fixtures/cross.sh"
command -v qemu-aarch64 >/dev/null || skip "qemu-user is not installed"
command -v cmake >/dev/null || skip "cmake is not installed"
command -v meson >/dev/null || skip "meson is not installed (scripts/install-deps.sh installs it)"
export LIBRARY_PATH="${LIBRARY_PATH:-/usr/local/lib}"
target=aarch64-unknown-linux-gnu
root=$(debian_sysroot arm64 "$target")
runtime="$root/usr/aarch64-linux-gnu"
cd "$WORK"

mkdir -p proj
cat >proj/greet.h <<'H'
#ifdef __cplusplus
extern "C" {
#endif
const char *greeting(void);
#ifdef __cplusplus
}
#endif
H
echo '#include "greet.h"
const char *greeting(void) { return "greetings from a cross-built library"; }' >proj/greet.c
cat >proj/main.cpp <<'CXX'
#include <iostream>
#include "greet.h"
int main() { std::cout << greeting() << " (" << sizeof(void *) * 8 << "-bit)" << std::endl; }
CXX
cat >proj/CMakeLists.txt <<'CMAKE'
cmake_minimum_required(VERSION 3.16)
project(greet C CXX)
find_library(HOST_ONLY_ZLIB NAMES z) # the host has libz; a cross build must not find it
add_library(greet SHARED greet.c)
add_executable(hello main.cpp)
target_link_libraries(hello greet)
CMAKE
cat >proj/meson.build <<'MESON'
project('greet', 'c', 'cpp')
greet = shared_library('greet', 'greet.c')
executable('hello', 'main.cpp', link_with: greet)
MESON

step "$XPORT" emit cmake --target "$target" -o toolchain.cmake
cat toolchain.cmake
step cmake -S proj -B build-cmake -G Ninja -DCMAKE_TOOLCHAIN_FILE="$WORK/toolchain.cmake" >cmake.log
cache=$(grep '^HOST_ONLY_ZLIB' build-cmake/CMakeCache.txt)
expect_contains "$cache" "NOTFOUND" "find_library(z) in the cross build"
step ninja -C build-cmake >/dev/null
out=$(qemu-aarch64 -L "$runtime" build-cmake/hello)
[ "$out" = "greetings from a cross-built library (64-bit)" ] || fail "CMake-built program printed '$out'"
expect_contains "$(file build-cmake/hello)" "ARM aarch64" "CMake-built program"

step "$XPORT" emit meson --target "$target" -o cross.ini
cat cross.ini
step meson setup --cross-file cross.ini build-meson proj >meson.log || { cat meson.log; fail "meson setup failed"; }
step ninja -C build-meson >/dev/null
out=$(qemu-aarch64 -L "$runtime" build-meson/hello)
[ "$out" = "greetings from a cross-built library (64-bit)" ] || fail "Meson-built program printed '$out'"

step "$XPORT" emit cargo --target "$target"
cargo_fragment=$("$XPORT" emit cargo --target "$target")
expect_contains "$cargo_fragment" "[target.aarch64-unknown-linux-gnu]" "Cargo fragment"
expect_contains "$cargo_fragment" "linker = \"" "Cargo fragment"

step "$XPORT" emit clang-cfg --target "$target" -o aarch64.cfg
cat aarch64.cfg
step env -u LIBRARY_PATH clang-14 --config "$WORK/aarch64.cfg" proj/greet.c proj/main.cpp \
  --driver-mode=g++ -o hello-cfg
out=$(qemu-aarch64 -L "$runtime" ./hello-cfg)
[ "$out" = "greetings from a cross-built library (64-bit)" ] || fail "clang --config program printed '$out'"
echo "PASS: CMake, Meson and clang --config builds for aarch64 run under qemu"
