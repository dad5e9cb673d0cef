# meson test runs a Meson project's own tests, cross-built for aarch64 with the cross file from
# `xport emit meson`, through exe_wrapper = xport run: passing tests pass, should_fail works, and a
# test killed by SIGABRT is reported as killed by that signal.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/run_lib.bash"
command -v meson >/dev/null || skip "meson is not installed (apt-get install meson)"
import_arm64_sysroot
cd "$WORK"

mkdir project
cp "$XPORT_SOURCE_DIR/tests/e2e/run_probe.c" project/probe.c
cat >project/meson.build <<'MESON'
project('probe', 'c')
probe = executable('probe', 'probe.c')
test('machine', probe, args : ['machine', 'aarch64'])
test('sum', probe, args : ['sum', '3', '4', '7'])
test('words', probe, args : ['words', 'two words'])
test('expected_failure', probe, args : ['exit', '1'], should_fail : true)
test('aborts', probe, args : ['abort'])
MESON

step "$XPORT" emit meson --target $arm64_target -o cross.ini
grep -F "exe_wrapper" cross.ini || fail "the cross file sets no exe_wrapper"
step meson setup build project --cross-file "$WORK/cross.ini" >/dev/null
step meson compile -C build >/dev/null
file build/probe | grep -q "ARM aarch64" || fail "the test program is not aarch64: $(file build/probe)"

status=0
out=$(meson test -C build 2>&1) || status=$?
echo "$out"
[ $status -ne 0 ] || fail "meson test passed although one test aborts"
for t in machine sum words; do
  grep -E "[0-9]+/5 $t +OK" <<<"$out" >/dev/null || fail "test '$t' did not pass"
done
grep -E "[0-9]+/5 expected_failure +EXPECTEDFAIL" <<<"$out" >/dev/null ||
  fail "the should_fail test was not an expected failure"
grep -E "[0-9]+/5 aborts +FAIL.*(SIGABRT|killed by signal 6)" <<<"$out" >/dev/null ||
  fail "meson did not see the test killed by SIGABRT"
grep -q "machine=aarch64" build/meson-logs/testlog.txt || fail "the machine test did not run under qemu"
echo "ok: meson test ran the aarch64 tests through xport run"
