# A libuv-style test runner built for aarch64 (tests/e2e/fixtures/reexec_runner.c: every case runs
# in a child the runner starts through execv("/proc/self/exe"), working on files in the current
# folder by relative paths) gives the same results natively, directly in `xport shell`, and
# through ctest in `xport shell`, where ctest starts each test in the build folder through the
# emitted emulator, `xport run`. Before, ctest's `access` case failed: proot 5.1 emulates chdir
# (the kernel's working folder stays where proot started) and does not translate faccessat2, which
# qemu uses for a guest's access(), so the relative path named a file in the wrong folder. Inside
# the shell, xport run execs the program and leaves it to the shell's qemu (method "shell").
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/run_lib.bash"
command -v proot >/dev/null || skip "proot is not installed (apt-get install proot)"
import_arm64_sysroot
cd "$WORK"

mkdir project
cp "$XPORT_SOURCE_DIR/tests/e2e/fixtures/reexec_runner.c" project/
gcc -O1 -o native_runner project/reexec_runner.c
cases=$(./native_runner --list)
{
  echo 'cmake_minimum_required(VERSION 3.16)'
  echo 'project(reexec C)'
  echo 'enable_testing()'
  echo 'add_executable(reexec_runner reexec_runner.c)'
  for c in $cases; do echo "add_test(NAME $c COMMAND reexec_runner $c)"; done
} >project/CMakeLists.txt
step "$XPORT" emit cmake --target $arm64_target -o toolchain.cmake
step cmake -S project -B build -G Ninja -DCMAKE_TOOLCHAIN_FILE="$WORK/toolchain.cmake" >/dev/null
step cmake --build build >/dev/null
file build/reexec_runner | grep -q "ARM aarch64" || fail "not an aarch64 program: $(file build/reexec_runner)"

# results TEXT: the runner's "ok CASE" / "not ok CASE" lines, sorted, without reasons.
results() { grep -E '^(not )?ok ' <<<"$1" | sed 's/:.*//' | sort; }

mkdir native && out=$(cd native && ../native_runner) || fail "the native runner failed: $out"
native=$(results "$out")
echo "$native"
[ "$(grep -c '^ok ' <<<"$native")" -eq "$(wc -w <<<"$cases")" ] || fail "natively, not every case passed"

# Directly in the shell, from the folder proot starts in and from one the tree changed into.
out=$("$XPORT" shell --target $arm64_target -- sh -c 'cd build && ./reexec_runner' 2>&1) || true
[ "$(results "$out")" = "$native" ] || fail "in xport shell after cd, the runner gave: $out"
out=$(cd build && "$XPORT" shell --target $arm64_target -- ./reexec_runner 2>&1) || true
[ "$(results "$out")" = "$native" ] || fail "in xport shell, the runner gave: $out"

# Through ctest in the shell: one test per case, each in the build folder through xport run.
status=0
out=$("$XPORT" shell --target $arm64_target -- ctest --test-dir build --output-on-failure 2>&1) ||
  status=$?
echo "$out"
through_ctest=$(for c in $cases; do
  if grep -qE "Test +#[0-9]+: $c \.+ +Passed" <<<"$out"; then echo "ok $c"; else echo "not ok $c"; fi
done | sort)
[ "$through_ctest" = "$native" ] || fail "ctest in xport shell gave: $through_ctest"
[ $status -eq 0 ] || fail "ctest under xport shell exited $status"

# Inside the shell, xport run (the emitted emulator) defers to the shell's qemu, and says so.
emulator=$(sed -n 's/^set(CMAKE_CROSSCOMPILING_EMULATOR "\([^"]*\)" "run" "--target" "\([^"]*\)" "--sysroot" "\([^"]*\)".*/\1 run --target \2 --sysroot \3/p' toolchain.cmake)
[ -n "$emulator" ] || fail "no emulator setting in toolchain.cmake"
plan=$("$XPORT" shell --target $arm64_target -- sh -c "cd build && $emulator --print-command --json -- ./reexec_runner access")
expect_contains "$plan" '"method": "shell"' "xport run's plan inside xport shell"
expect_contains "$plan" "inside xport shell for $arm64_target" "xport run's plan inside xport shell"
expect_contains "$("$XPORT" shell --target $arm64_target -- sh -c "$emulator --print-command -- build/reexec_runner access")" \
  "build/reexec_runner access"
# ... but not for another sysroot (another qemu prefix) than the shell's,
ln -s "$XPORT_HOME/sysroots/$arm64_target/root" other-sysroot
plan=$("$XPORT" shell --target $arm64_target -- "$XPORT" run --target $arm64_target --sysroot "$WORK/other-sysroot" --print-command --json -- build/reexec_runner)
expect_contains "$plan" '"method": "qemu"' "xport run's plan with another sysroot inside xport shell"
expect_contains "$plan" "not this run's" "xport run's plan with another sysroot inside xport shell"
# nor outside the tree, even with the variables set,
plan=$(XPORT_SHELL_TARGET=$arm64_target XPORT_SHELL_QEMU=$(sed -n 's/.*"XPORT_SHELL_QEMU": "\(.*\)".*/\1/p' \
  <<<"$("$XPORT" shell --target $arm64_target --print-command --json)") $emulator --print-command --json -- build/reexec_runner)
expect_contains "$plan" '"method": "qemu"' "xport run's plan outside the tree"
expect_contains "$plan" "not in a proot tree" "xport run's plan outside the tree"
# and a runner given explicitly still wins; the machine check still refuses a wrong --target.
plan=$("$XPORT" shell --target $arm64_target -- "$XPORT" run --target $arm64_target --runner 'env' --print-command --json -- build/reexec_runner)
expect_contains "$plan" '"method": "runner"' "xport run --runner inside xport shell"
expect_status 1 "$XPORT" shell --target $arm64_target -- "$XPORT" run --target riscv64-unknown-linux-gnu -- build/reexec_runner
expect_contains "$OUT" "it is a 64-bit aarch64 program, and riscv64-unknown-linux-gnu runs 64-bit riscv64 programs"
echo "ok: the aarch64 runner gives the native results through ctest, directly and after cd in xport shell"
