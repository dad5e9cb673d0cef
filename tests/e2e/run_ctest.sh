# ctest runs a CMake project's own tests, cross-built for aarch64 with the toolchain file from
# `xport emit cmake`, through CMAKE_CROSSCOMPILING_EMULATOR = xport run: passing tests pass, a
# failing one fails, and a test killed by SIGABRT is reported as such.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/run_lib.bash"
import_arm64_sysroot
cd "$WORK"

mkdir project
cp "$XPORT_SOURCE_DIR/tests/e2e/run_probe.c" project/probe.c
cat >project/CMakeLists.txt <<'CMAKE'
cmake_minimum_required(VERSION 3.16)
project(probe C)
enable_testing()
add_executable(probe probe.c)
add_test(NAME machine COMMAND probe machine aarch64)
set_tests_properties(machine PROPERTIES PASS_REGULAR_EXPRESSION "machine=aarch64")
add_test(NAME sum COMMAND probe sum 3 4 7)
add_test(NAME words COMMAND probe words "two words")
add_test(NAME expected_failure COMMAND probe exit 1)
set_tests_properties(expected_failure PROPERTIES WILL_FAIL TRUE)
add_test(NAME aborts COMMAND probe abort)
CMAKE

step "$XPORT" emit cmake --target $arm64_target -o toolchain.cmake
grep -F "CMAKE_CROSSCOMPILING_EMULATOR" toolchain.cmake || fail "the toolchain file sets no emulator"
expect_contains "$(cat toolchain.cmake)" "\"run\" \"--target\" \"$arm64_target\""
step cmake -S project -B build -G Ninja -DCMAKE_TOOLCHAIN_FILE="$WORK/toolchain.cmake" >/dev/null
step cmake --build build >/dev/null
file build/probe | grep -q "ARM aarch64" || fail "the test program is not aarch64: $(file build/probe)"

status=0
out=$(ctest --test-dir build 2>&1) || status=$?
echo "$out"
[ $status -ne 0 ] || fail "ctest passed although one test aborts"
for t in machine sum words expected_failure; do
  grep -E "Test +#[0-9]+: $t \.+ +Passed" <<<"$out" >/dev/null || fail "test '$t' did not pass"
done
grep -E "Test +#[0-9]+: aborts \.+.*Subprocess aborted" <<<"$out" >/dev/null ||
  fail "ctest did not see the test killed by SIGABRT"
expect_contains "$out" "80% tests passed, 1 tests failed out of 5"
echo "ok: ctest ran the aarch64 tests through xport run"
