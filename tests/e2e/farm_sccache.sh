# XPORT_LAUNCHER=sccache with its cache in the scenario's folder and its server on 127.0.0.1: the
# first build of an aarch64 make project misses and fills the cache, a clean rebuild is served
# from it entirely (sccache --show-stats counts the hits), and both programs run under qemu.
# A changed target flag is a different compile: it misses again.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/run_lib.bash"
source "$(dirname "$0")/farm_lib.bash"
command -v sccache >/dev/null || fail "sccache is not installed (scripts/install-deps.sh installs it)"
import_arm64_sysroot
cd "$WORK"

port=$(free_port)
export SCCACHE_DIR="$WORK/sccache" SCCACHE_SERVER_PORT=$port SCCACHE_IDLE_TIMEOUT=0 SCCACHE_CACHE_SIZE=1G
unset SCCACHE_LOG
# The server in the foreground, as `sccache --start-server` runs it, but without that command's
# ten-second limit on its start (a loaded machine exceeds it).
echo "\$ SCCACHE_START_SERVER=1 SCCACHE_NO_DAEMON=1 sccache &"
SCCACHE_START_SERVER=1 SCCACHE_NO_DAEMON=1 sccache >sccache-server.log 2>&1 &
server_pid=$!
trap 'sccache --stop-server >/dev/null 2>&1 || true; kill $server_pid 2>/dev/null || true; wait; rm -rf "$WORK"' EXIT
for _ in $(seq 300); do
  listening=$(ss -ltnH "sport = :$SCCACHE_SERVER_PORT")
  [ -z "$listening" ] || break
  kill -0 $server_pid 2>/dev/null || fail "the sccache server exited: $(cat sccache-server.log)"
  sleep 0.2
done
echo "$listening"
expect_contains "$listening" "127.0.0.1:$SCCACHE_SERVER_PORT" "the sccache server's address"

# sccache_stat NAME: the number on sccache's "NAME" line.
sccache_stat() {
  sccache --show-stats | awk -v name="$1" '$0 ~ "^" name " +[0-9]+$" { print $NF }'
}

export XPORT_LAUNCHER=sccache
write_farm_project project
farm_make project || fail "the first build through sccache failed"
check_farm_program project
sccache --show-stats
[ "$(sccache_stat "Cache misses")" = 3 ] || fail "the first build did not miss three times"
[ "$(sccache_stat "Cache hits")" = 0 ] || fail "the first build hit an empty cache"

step sccache --zero-stats >/dev/null
step make -s -C project clean
farm_make project || fail "the clean rebuild through sccache failed"
check_farm_program project
stats=$(sccache --show-stats)
echo "$stats"
[ "$(sccache_stat "Cache hits")" = 3 ] || fail "the clean rebuild was not served from the cache"
[ "$(sccache_stat "Cache misses")" = 0 ] || fail "the clean rebuild missed the cache"

# Another target flag is another compile, not a hit from the first build's objects.
step sccache --zero-stats >/dev/null
step make -s -C project clean
step make -s -C project -j3 CC="$XPORT cc --target $arm64_target" CFLAGS="-O1 -mno-outline-atomics" ||
  fail "the build with another flag failed"
[ "$(sccache_stat "Cache misses")" = 3 ] || fail "a different flag was served from the cache"
echo "PASS: sccache cached the aarch64 compiles; a clean rebuild hit its cache three times"
