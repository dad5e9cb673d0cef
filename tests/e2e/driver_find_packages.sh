# What a CMake or Meson project looks for in a cross build, through the files `xport emit` writes:
# find_library(m/pthread), find_path(stdio.h), find_package(Threads), find_package(ZLIB),
# pkg_check_modules(zlib), Meson's cc.find_library and dependency(), in Debian's cross layout
# (aarch64 and riscv64: usr/<triplet>/{lib,include}) with Debian's multiarch zlib1g-dev:arm64
# (usr/lib/aarch64-linux-gnu) imported into the same sysroot. Every result must lie in the
# sysroot, the programs run under qemu, and `cmake --install` / `meson install` put the files in
# the target's staging folder, never in the host's /usr/local.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fixtures/cross.sh"
command -v qemu-aarch64 >/dev/null || skip "qemu-user is not installed"
command -v cmake >/dev/null || skip "cmake is not installed"
command -v meson >/dev/null || skip "meson is not installed (scripts/install-deps.sh installs it)"
export LIBRARY_PATH="${LIBRARY_PATH:-/usr/local/lib}"
cd "$WORK"

# One name for what gets installed, so its absence from the host's /usr/local means something.
probe=xport_find_probe_$$
mkdir -p proj
cat >proj/probe.c <<'C'
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#ifdef WITH_ZLIB
#include <zlib.h>
#endif
static void *work(void *arg) { *(double *)arg = sqrt(*(double *)arg); return 0; }
int main(void) {
  double v = 81.0;
  pthread_t t;
  pthread_create(&t, 0, work, &v);
  pthread_join(t, 0);
#ifdef WITH_ZLIB
  printf("sqrt %g zlib %s\n", v, zlibVersion());
#else
  printf("sqrt %g\n", v);
#endif
  return 0;
}
C
cat >proj/CMakeLists.txt <<CMAKE
cmake_minimum_required(VERSION 3.16)
project(probe C)
find_library(M_LIBRARY m)
find_library(PTHREAD_LIBRARY pthread)
find_path(STDIO_DIR stdio.h)
find_package(Threads REQUIRED)
# zlib's own CMakeLists.txt caches absolute install folders like this one.
set(INSTALL_LIB_DIR "\${CMAKE_INSTALL_PREFIX}/lib" CACHE PATH "")
foreach(v M_LIBRARY PTHREAD_LIBRARY STDIO_DIR)
  message(STATUS "found \${v}=\${\${v}}")
endforeach()
add_executable($probe probe.c)
target_link_libraries($probe Threads::Threads \${M_LIBRARY})
if(WITH_ZLIB)
  find_package(ZLIB REQUIRED)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(ZPC REQUIRED IMPORTED_TARGET zlib)
  message(STATUS "found ZLIB_LIBRARY=\${ZLIB_LIBRARY}")
  message(STATUS "found ZLIB_INCLUDE_DIR=\${ZLIB_INCLUDE_DIR}")
  message(STATUS "found ZPC_LINK_LIBRARIES=\${ZPC_LINK_LIBRARIES}")
  target_compile_definitions($probe PRIVATE WITH_ZLIB)
  target_link_libraries($probe ZLIB::ZLIB PkgConfig::ZPC)
endif()
add_library(${probe}_lib SHARED probe.c)
install(TARGETS $probe)
install(TARGETS ${probe}_lib LIBRARY DESTINATION "\${INSTALL_LIB_DIR}")
CMAKE
cat >proj/meson.build <<MESON
project('probe', 'c')
cc = meson.get_compiler('c')
m = cc.find_library('m')
threads = dependency('threads')
deps = [m, threads]
args = []
if get_option('zlib')
  deps += [cc.find_library('z'), dependency('zlib', method: 'pkg-config')]
  args += '-DWITH_ZLIB'
endif
executable('$probe', 'probe.c', dependencies: deps, c_args: args, install: true)
MESON
echo "option('zlib', type: 'boolean', value: false)" >proj/meson_options.txt

# check_found LOG ROOT: every "found X=path" line of a CMake log names a path in the sysroot.
check_found() {
  local log=$1 root=$2 line value count=0
  while read -r line; do
    value=${line#*=}
    for word in ${value//;/ }; do
      case $word in
      "$root"/*) ;;
      -*) ;; # pkg-config's flags
      *) fail "CMake found '$word' outside the sysroot $root (${line%%=*})" ;;
      esac
    done
    count=$((count + 1))
  done < <(grep -o 'found [A-Z_]*=.*' "$log")
  [ "$count" -ge 3 ] || fail "CMake log names $count found paths, expected at least 3"
}

for spec in arm64:aarch64-unknown-linux-gnu:aarch64:aarch64-linux-gnu \
  riscv64:riscv64-unknown-linux-gnu:riscv64:riscv64-linux-gnu; do
  IFS=: read -r deb_arch target qemu triplet <<<"$spec"
  command -v "qemu-$qemu" >/dev/null || skip "qemu-$qemu is not installed"
  debs="$WORK/debs-$deb_arch"
  fetch_debs "$debs" "libc6-$deb_arch-cross" "libc6-dev-$deb_arch-cross" \
    "linux-libc-dev-$deb_arch-cross" "libgcc-12-dev-$deb_arch-cross" \
    "libgcc-s1-$deb_arch-cross" "libstdc++-12-dev-$deb_arch-cross" "libstdc++6-$deb_arch-cross"
  zlib=OFF
  if [ "$deb_arch" = arm64 ]; then
    # Debian's multiarch zlib (usr/lib/aarch64-linux-gnu, usr/include) beside the cross layout.
    foreign_debs "$debs" arm64 zlib1g zlib1g-dev
    zlib=ON
  fi
  step "$XPORT" sysroot import "$debs"/*.deb --target "$target" >/dev/null
  root="$XPORT_HOME/sysroots/$target/root"
  runtime="$root/usr/$triplet"
  stage="$XPORT_HOME/staging/$target"
  # zlib1g's libz.so.1 is in lib/<triplet>, outside the cross layout's runtime root.
  run=(qemu-"$qemu" -L "$runtime" -E LD_LIBRARY_PATH="$root/lib/$triplet")

  step "$XPORT" emit cmake --target "$target" -o "$target.cmake"
  cmake -S proj -B "cmake-$target" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$WORK/$target.cmake" \
    -DWITH_ZLIB=$zlib >"cmake-$target.log" 2>&1 || { cat "cmake-$target.log"; fail "cmake for $target failed"; }
  grep 'found ' "cmake-$target.log"
  check_found "cmake-$target.log" "$root"
  expect_contains "$(cat "cmake-$target.log")" "Found Threads: TRUE" "find_package(Threads)"
  step ninja -C "cmake-$target" >/dev/null
  out=$("${run[@]}" "cmake-$target/$probe")
  expect_contains "$out" "sqrt 9" "CMake-built $target program"
  [ "$zlib" = OFF ] || expect_contains "$out" "zlib 1.2.13" "CMake-built $target program"

  step cmake --install "cmake-$target" >/dev/null
  [ -x "$stage/bin/$probe" ] || fail "cmake --install did not put $probe in the staging folder $stage"
  [ -f "$stage/lib/lib${probe}_lib.so" ] || fail "the cached absolute INSTALL_LIB_DIR is not in $stage"

  step "$XPORT" emit meson --target "$target" -o "$target.ini"
  meson setup --cross-file "$target.ini" -Dzlib=$([ $zlib = ON ] && echo true || echo false) \
    "meson-$target" proj >"meson-$target.log" 2>&1 || { cat "meson-$target.log"; fail "meson setup for $target failed"; }
  grep -E "Library|Dependency|Run-time" "meson-$target.log"
  step ninja -C "meson-$target" >/dev/null
  out=$("${run[@]}" "meson-$target/$probe")
  expect_contains "$out" "sqrt 9" "Meson-built $target program"
  [ "$zlib" = OFF ] || expect_contains "$out" "zlib 1.2.13" "Meson-built $target program"
  rm "$stage/bin/$probe"
  step meson install -C "meson-$target" >/dev/null
  [ -x "$stage/bin/$probe" ] || fail "meson install did not put $probe in the staging folder $stage"
done

for place in /usr/local/bin /usr/local/lib /usr/local/lib/x86_64-linux-gnu; do
  if compgen -G "$place/*$probe*" >/dev/null; then
    fail "a cross install put files in the host's $place: $(ls "$place" | grep "$probe")"
  fi
done
echo "PASS: CMake and Meson find the sysroot's libraries, headers and packages; installs stay staged"
