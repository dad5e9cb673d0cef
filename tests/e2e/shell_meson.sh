# xport shell runs a Meson project's test that goes through a host script (Meson's exe_wrapper only
# wraps tests whose program is a build target): plain `meson test` fails it, under
# `xport shell --target aarch64-unknown-linux-gnu -- meson test` it passes.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/run_lib.bash"
command -v meson >/dev/null || skip "meson is not installed (apt-get install meson)"
command -v proot >/dev/null || skip "proot is not installed (apt-get install proot)"
import_arm64_sysroot
cd "$WORK"

mkdir project
cp "$XPORT_SOURCE_DIR/tests/e2e/run_probe.c" project/probe.c
cat >project/check.sh <<'SH'
#!/bin/sh
set -e
"$1" machine aarch64
"$1" words "two words"
SH
chmod +x project/check.sh
cat >project/meson.build <<'MESON'
project('probe', 'c')
probe = executable('probe', 'probe.c')
test('through_script', find_program('check.sh'), args : [probe])
test('through_sh', find_program('sh'), args : ['-c', '"$0" sum 3 4 7', probe])
test('direct', probe, args : ['sum', '1', '1', '2'])
MESON

step "$XPORT" emit meson --target $arm64_target -o cross.ini
step meson setup build project --cross-file "$WORK/cross.ini" >/dev/null
step meson compile -C build >/dev/null
file build/probe | grep -q "ARM aarch64" || fail "the test program is not aarch64: $(file build/probe)"

if [ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
  status=0
  out=$(meson test -C build 2>&1) || status=$?
  echo "$out"
  [ $status -ne 0 ] || fail "plain meson test passed: the script does not start the aarch64 program"
  grep -E "[0-9]+/3 through_script +FAIL" <<<"$out" >/dev/null ||
    fail "the test through a script did not fail under plain meson test"
fi

status=0
out=$("$XPORT" shell --target $arm64_target -- meson test -C build 2>&1) || status=$?
echo "$out"
[ $status -eq 0 ] || fail "meson test under xport shell exited $status"
for t in through_script through_sh direct; do
  grep -E "[0-9]+/3 $t +OK" <<<"$out" >/dev/null || fail "test '$t' did not pass"
done
grep -q "machine=aarch64" build/meson-logs/testlog.txt || fail "the script's program did not run under qemu"
echo "ok: meson test under xport shell ran the aarch64 program behind a host script"
