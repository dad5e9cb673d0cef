# xport shell runs a Makefile's `make check` whose recipe starts the cross-built program from a
# shell loop, and an interactive-style shell reading commands from standard input; plain
# `make check` fails.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/run_lib.bash"
command -v proot >/dev/null || skip "proot is not installed (apt-get install proot)"
import_arm64_sysroot
cd "$WORK"

cp "$XPORT_SOURCE_DIR/tests/e2e/run_probe.c" probe.c
printf '%s\n' \
  'probe: probe.c' \
  '	$(CC) -o $@ probe.c' \
  'check: probe' \
  '	for n in 1 2 3; do ./probe sum $$n $$n $$((n + n)) || exit 1; done' \
  '	./probe machine aarch64' >Makefile
step make CC="$XPORT cc --target $arm64_target" probe >/dev/null
file probe | grep -q "ARM aarch64" || fail "the program is not aarch64: $(file probe)"

if [ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
  status=0
  out=$(make check 2>&1) || status=$?
  echo "$out"
  [ $status -ne 0 ] || fail "plain make check passed without running the aarch64 program"
fi

status=0
out=$("$XPORT" shell --target $arm64_target -- make check 2>&1) || status=$?
echo "$out"
[ $status -eq 0 ] || fail "make check under xport shell exited $status"
expect_contains "$out" "machine=aarch64"

# Without a command, the user's shell runs; here it reads its commands from standard input.
status=0
out=$(printf './probe machine aarch64\necho "status=$?"\n' |
  SHELL=/bin/sh "$XPORT" shell --target $arm64_target 2>&1) || status=$?
echo "$out"
[ $status -eq 0 ] || fail "the shell exited $status"
expect_contains "$out" "machine=aarch64"
expect_contains "$out" "status=0"

# The exit status is the command's.
status=0
"$XPORT" shell --target $arm64_target -- sh -c 'exit 7' || status=$?
[ $status -eq 7 ] || fail "xport shell exited $status for a command that exits 7"
echo "ok: make check and a shell under xport shell ran the aarch64 program"
