# xport shell runs a CMake project's tests that start the cross-built program themselves (through
# `sh -c`, a test script, python), which CMAKE_CROSSCOMPILING_EMULATOR never reaches: plain ctest
# runs the aarch64 program with the host's kernel and fails them; under
# `xport shell --target aarch64-unknown-linux-gnu -- ctest` every test passes.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/run_lib.bash"
command -v proot >/dev/null || skip "proot is not installed (apt-get install proot)"
import_arm64_sysroot
cd "$WORK"

mkdir project
cp "$XPORT_SOURCE_DIR/tests/e2e/run_probe.c" project/probe.c
cat >project/check.sh <<'SH'
#!/bin/sh
# A project's test script: runs the program it is given, several times, and checks its output.
set -e
out=$("$1" machine aarch64)
[ "$out" = "machine=aarch64" ] || { echo "unexpected output: $out"; exit 1; }
for n in 1 2 3; do "$1" sum "$n" "$n" "$((n + n))"; done
echo "check.sh: ok"
SH
chmod +x project/check.sh
cat >project/CMakeLists.txt <<'CMAKE'
cmake_minimum_required(VERSION 3.16)
project(probe C)
enable_testing()
add_executable(probe probe.c)
add_test(NAME through_sh COMMAND sh -c "$<TARGET_FILE:probe> sum 3 4 7")
add_test(NAME machine_through_sh COMMAND sh -c "$<TARGET_FILE:probe> machine aarch64")
set_tests_properties(machine_through_sh PROPERTIES PASS_REGULAR_EXPRESSION "machine=aarch64")
add_test(NAME script COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/check.sh $<TARGET_FILE:probe>)
set_tests_properties(script PROPERTIES PASS_REGULAR_EXPRESSION "check.sh: ok")
add_test(NAME from_python COMMAND python3 -c
  "import subprocess, sys; sys.exit(subprocess.run([sys.argv[1], 'words', 'two words']).returncode)"
  $<TARGET_FILE:probe>)
add_test(NAME failure_through_sh COMMAND sh -c "$<TARGET_FILE:probe> exit 3; test $? -eq 3")
add_test(NAME direct COMMAND probe sum 1 1 2)
CMAKE

step "$XPORT" emit cmake --target $arm64_target -o toolchain.cmake
step cmake -S project -B build -G Ninja -DCMAKE_TOOLCHAIN_FILE="$WORK/toolchain.cmake" >/dev/null
step cmake --build build >/dev/null
file build/probe | grep -q "ARM aarch64" || fail "the test program is not aarch64: $(file build/probe)"

# Without xport shell only the test CMake starts through its emulator passes (unless this
# machine's kernel has qemu registered with binfmt_misc, which runs foreign programs by itself).
if [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
  echo "note: binfmt_misc runs aarch64 programs here; plain ctest is not expected to fail"
else
  status=0
  out=$(ctest --test-dir build 2>&1) || status=$?
  echo "$out"
  [ $status -ne 0 ] || fail "plain ctest passed: the tests do not start the aarch64 program themselves"
  for t in through_sh machine_through_sh script from_python failure_through_sh; do
    grep -E "Test +#[0-9]+: $t \.+\*\*\*Failed" <<<"$out" >/dev/null ||
      fail "test '$t' did not fail under plain ctest"
  done
  grep -E "Test +#[0-9]+: direct \.+ +Passed" <<<"$out" >/dev/null ||
    fail "the test started through the emulator did not pass under plain ctest"
fi

step "$XPORT" shell --target $arm64_target --print-command -- ctest --test-dir build
cmd=$("$XPORT" shell --target $arm64_target --print-command -- ctest --test-dir build)
expect_contains "$cmd" "proot -q"
expect_contains "$cmd" "qemu-aarch64 -L $XPORT_HOME/sysroots/$arm64_target/root/usr/aarch64-linux-gnu"

status=0
out=$("$XPORT" shell --target $arm64_target -- ctest --test-dir build --output-on-failure 2>&1) ||
  status=$?
echo "$out"
[ $status -eq 0 ] || fail "ctest under xport shell exited $status"
for t in through_sh machine_through_sh script from_python failure_through_sh direct; do
  grep -E "Test +#[0-9]+: $t \.+ +Passed" <<<"$out" >/dev/null || fail "test '$t' did not pass"
done
expect_contains "$out" "100% tests passed, 0 tests failed out of 6"

# A failing test still fails: the tree changes how programs start, not what they return.
status=0
"$XPORT" shell --target $arm64_target -- sh -c "build/probe sum 1 1 3" || status=$?
[ $status -eq 1 ] || fail "a failing aarch64 program under xport shell exited $status, not 1"
echo "ok: ctest under xport shell ran every aarch64 test, however it starts the program"
