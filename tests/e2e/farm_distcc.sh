# XPORT_LAUNCHER=distcc against a distccd on 127.0.0.1: every compile of an aarch64 make project
# is preprocessed here and compiled by the daemon (its log names each file), with the clang path
# `xport cc` uses, which the daemon accepts through its DISTCC_CMDLIST; the link runs here and the
# program runs under qemu. A server that lists another clang refuses, and the build fails.
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
daemon_pid=
trap 'stop_daemon; rm -rf "$WORK"' EXIT

# start_daemon COMPILER: a distccd that serves only COMPILER (DISTCC_CMDLIST), logging to
# daemon/distccd.log (a new one: the daemon's user creates it).
start_daemon() {
  echo "$1" >daemon/cmdlist
  rm -f daemon/distccd.log
  DISTCC_CMDLIST="$WORK/daemon/cmdlist" distccd --no-detach --daemon --listen 127.0.0.1 \
    --allow 127.0.0.1 --port "$port" --jobs 2 --log-file "$WORK/daemon/distccd.log" \
    --log-level debug &
  daemon_pid=$!
  for _ in $(seq 50); do
    grep -q "listening on 127.0.0.1:$port" daemon/distccd.log 2>/dev/null && return
    sleep 0.1
  done
  fail "distccd did not start: $(cat daemon/distccd.log 2>&1)"
}
stop_daemon() {
  [ -z "$daemon_pid" ] || { kill "$daemon_pid" 2>/dev/null; wait "$daemon_pid" 2>/dev/null || true; }
  daemon_pid=
}

start_daemon "$clang"
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

# A server whose list names another compiler refuses the job, and the build fails: nothing
# above could have compiled here unnoticed.
stop_daemon
start_daemon /opt/other-llvm/bin/clang-99
step make -s -C project clean
if farm_make project 2>client.log; then
  fail "the build succeeded although the server refuses $clang"
fi
expect_contains "$(cat daemon/distccd.log)" "lookup of $clang in DISTCC_CMDLIST failed" "distccd's log"
expect_contains "$(cat client.log)" "failed to distribute and fallbacks are disabled" "distcc's errors"
echo "PASS: distccd compiled every aarch64 object; linked here, ran under qemu"
