# XPORT_LAUNCHER=distcc against a distccd on 127.0.0.1: every compile of an aarch64 make project
# is preprocessed here and compiled by the daemon (its log names each file), with the clang path
# `xport cc` uses, which the daemon accepts through its DISTCC_CMDLIST; the link runs here and the
# program runs under qemu. With the daemon gone, the build fails instead of silently compiling here.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/run_lib.bash"
source "$(dirname "$0")/farm_lib.bash"
command -v distccd >/dev/null || fail "distcc is not installed (scripts/install-deps.sh installs it)"
import_arm64_sysroot
cd "$WORK"
clang=$(xport_clang)

# distccd drops root for its own user: the log folder must be reachable and writable by it.
chmod 711 "$WORK"
mkdir -m 1777 daemon
port=$(free_port)
echo "$clang" >daemon/cmdlist
DISTCC_CMDLIST="$WORK/daemon/cmdlist" distccd --no-detach --daemon --listen 127.0.0.1 \
  --allow 127.0.0.1 --port "$port" --jobs 2 --log-file "$WORK/daemon/distccd.log" \
  --log-level debug &
daemon_pid=$!
trap 'kill $daemon_pid 2>/dev/null; wait $daemon_pid 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do
  grep -q "listening on 127.0.0.1:$port" daemon/distccd.log 2>/dev/null && break
  sleep 0.1
done
grep -q "listening on 127.0.0.1:$port" daemon/distccd.log || fail "distccd did not start"

export XPORT_LAUNCHER=distcc DISTCC_HOSTS="127.0.0.1:$port/2" DISTCC_DIR="$WORK/distcc"
# A failed remote compile is an error, not a quiet local one.
export DISTCC_FALLBACK=0 DISTCC_SKIP_LOCAL_RETRY=1
mkdir distcc
write_farm_project project
DISTCC_VERBOSE=1 farm_make project 2>client.log || { cat client.log >&2; fail "the build through distcc failed"; }
check_farm_program project

log=$(cat daemon/distccd.log)
for f in main sum arch; do
  expect_contains "$log" "compile from $f.c to $f.o" "distccd's log"
  expect_contains "$log" "COMPILE_OK exit:0 sig:0 core:0 ret:0" "distccd's log"
  expect_contains "$(cat client.log)" "compile $f.c on 127.0.0.1:$port/2 completed ok" "distcc's verbose output"
done
# The daemon ran the same clang with the target's flags on the preprocessed source.
expect_contains "$log" "got arguments: $clang -target $arm64_target --sysroot=" "distccd's log"
grep -E "got arguments|COMPILE_OK" daemon/distccd.log

# Without the daemon the build fails: nothing above could have compiled here unnoticed.
kill $daemon_pid
wait $daemon_pid 2>/dev/null || true
step make -s -C project clean
if farm_make project 2>client.log; then
  fail "the build succeeded with no daemon listening"
fi
expect_contains "$(cat client.log)" "127.0.0.1:$port" "distcc's error without a daemon"
echo "PASS: distccd compiled every aarch64 object; linked here, ran under qemu"
