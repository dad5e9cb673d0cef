# xport run of a `#!` script for a foreign target runs the script on the host and every aarch64
# program it starts under qemu (as xport shell does), with the script's output and exit status;
# and a program for another architecture than the target's is refused, naming both.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/run_lib.bash"
import_arm64_sysroot
cd "$WORK"

step "$XPORT" cc --target $arm64_target -o probe "$XPORT_SOURCE_DIR/tests/e2e/run_probe.c"
file probe | grep -q "ARM aarch64" || fail "the program is not aarch64: $(file probe)"

# D9: the program's architecture and the target's, not a missing interpreter in the sysroot.
expect_status 1 "$XPORT" run --target riscv64-unknown-linux-gnu ./probe
echo "$OUT"
expect_contains "$OUT" "it is a 64-bit aarch64 program"
expect_contains "$OUT" "riscv64-unknown-linux-gnu runs 64-bit riscv64 programs"
expect_not_contains "$OUT" "sysroot"

cat >check.sh <<'SH'
#!/bin/sh
# A test wrapper script: runs the program beside it and passes its status on.
dir=$(dirname "$0")
"$dir/probe" machine aarch64 || exit 10
"$dir/probe" "$@"
SH
chmod +x check.sh

command -v proot >/dev/null || skip "proot is not installed (apt-get install proot)"
cmd=$("$XPORT" run --target $arm64_target --print-command ./check.sh a)
echo "$cmd"
expect_contains "$cmd" "proot -q"
expect_status 0 "$XPORT" run --target $arm64_target ./check.sh 'two words' x
echo "$OUT"
expect_contains "$OUT" "machine=aarch64"
expect_contains "$OUT" "<two words>"
expect_status 5 "$XPORT" run --target $arm64_target ./check.sh exit 5

# A file that is neither ELF nor a script says so.
printf 'not a program\n' >data
chmod +x data
expect_status 1 "$XPORT" run --target $arm64_target ./data
expect_contains "$OUT" "neither an ELF program nor a script"
echo "ok: xport run runs a script's aarch64 programs under qemu and names a wrong architecture"
