# XPORT_LAUNCHER=icecc on an icecream network of its own: an environment tarball of the clang
# `xport cc` runs (icecc-create-env, cached), a scheduler, a daemon that only sends jobs ("here",
# beside the build) and one that compiles them in a chroot of that tarball ("farm", another port).
# Icecream finds its scheduler by broadcast, so all three and the build run in a network namespace
# of the scenario's own with only `lo` up: no packet leaves it. The farm daemon's log shows each
# compile of the aarch64 make project; the link runs here and the program under qemu.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/run_lib.bash"
source "$(dirname "$0")/farm_lib.bash"
for tool in icecc iceccd icecc-scheduler icecc-create-env unshare ip; do
  command -v $tool >/dev/null || fail "$tool is not installed (scripts/install-deps.sh installs it)"
done
import_arm64_sysroot
cd "$WORK"
clang=$(xport_clang)

# The tarball holds the compiler and the libraries it loads; it depends on that binary alone.
key=$(sha256sum "$(readlink -f "$clang")" | cut -c1-16)
tarball="$XPORT_TEST_CACHE/icecc/$(basename "$clang")-$key.tar.gz"
mkdir -p "$XPORT_TEST_CACHE/icecc"
(
  flock 9
  if [ ! -f "$tarball" ]; then
    mkdir "$WORK/env" && cd "$WORK/env"
    step icecc-create-env --clang "$clang" >create-env.log || { cat create-env.log >&2; exit 1; }
    mv ./*.tar.gz "$tarball"
  fi
) 9>"$XPORT_TEST_CACHE/icecc/.lock" || fail "icecc-create-env --clang $clang failed"

write_farm_project project
# The daemons drop root for the icecc user: their folder must be reachable and writable by it.
chmod 711 "$WORK"
mkdir -m 1777 ice

icecc_in_namespace() {
  set -euo pipefail
  ip link set lo up
  [ "$(ip -o link show | awk '{ print $2 }')" = "lo:" ] || fail "the namespace has more than lo"
  local d=$WORK/ice
  daemons=()
  trap 'kill ${daemons[*]} 2>/dev/null; wait' EXIT
  icecc-scheduler -p 8765 -n xport-e2e -l "$d/scheduler.log" -vv &
  daemons+=($!)
  # "here" accepts no jobs (-m 0); the client reaches it through a socket in the scenario's folder.
  ICECC_TEST_SOCKET=$d/here.socket iceccd --no-remote -m 0 -s 127.0.0.1:8765 -n xport-e2e \
    -N here -b "$d/env-here" -l "$d/here.log" -vv &
  daemons+=($!)
  iceccd -p 10246 -m 2 -s 127.0.0.1:8765 -n xport-e2e -N farm -b "$d/env-farm" -l "$d/farm.log" -vvv &
  daemons+=($!)
  local ready=0 log
  for _ in $(seq 100); do
    ready=0
    for log in here farm; do
      if grep -q "Connected to scheduler" "$d/$log.log" 2>/dev/null; then ready=$((ready + 1)); fi
    done
    if [ $ready = 2 ]; then break; fi
    sleep 0.2
  done
  [ $ready = 2 ] || fail "the icecream daemons did not connect to the scheduler"
  if grep -q "Cannot use chroot" "$d/farm.log"; then
    fail "iceccd cannot chroot, so it takes no jobs (it must run as root)"
  fi

  # Both daemons share one address here: ICECC_TEST_REMOTEBUILD keeps icecc from taking the job
  # back as local, which two machines would not need.
  export XPORT_LAUNCHER=icecc ICECC_VERSION=$tarball ICECC_TEST_SOCKET=$d/here.socket \
    ICECC_PREFERRED_HOST=farm ICECC_TEST_REMOTEBUILD=1
  farm_make project || fail "the build through icecc failed"
  check_farm_program project
}
export WORK XPORT XPORT_HOME XDG_CACHE_HOME XDG_CONFIG_HOME arm64_target tarball
# A PID namespace too: when the build ends, its first process ends and the kernel ends every
# daemon with it, whatever happened.
ns=(unshare --net --pid --fork --kill-child)
[ "$(id -u)" -eq 0 ] || ns+=(--map-root-user)
echo "\$ ${ns[*]} bash -c icecc_in_namespace"
"${ns[@]}" bash -c "$(declare -f fail step farm_make check_farm_program icecc_in_namespace)
icecc_in_namespace" || fail "the build in the icecream network failed"

log=$(cat ice/farm.log)
grep -E "remote compile for file|final arguments|Remote compilation completed" ice/farm.log
for f in main sum arch; do
  expect_contains "$log" "remote compile for file $f.c" "the farm daemon's log"
done
[ "$(grep -c "Remote compilation completed with exit code 0" ice/farm.log)" = 3 ] ||
  fail "the farm daemon did not complete three compiles"
expect_contains "$log" "-target $arm64_target" "the farm daemon's compile arguments"
echo "PASS: icecream compiled every aarch64 object in the farm daemon's chroot; ran under qemu"
