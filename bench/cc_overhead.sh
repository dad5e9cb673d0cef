#!/usr/bin/env bash
# The cost of `xport cc` over the clang command it runs: compiles and links a hello world for
# FreeBSD (a stub sysroot made by tests/e2e/fixtures/make_stub_sysroot.sh), pair by pair,
# alternating `xport cc` and the exact clang command it prints, and reports the median of the
# per-pair time ratios (goal: at most 1.01). Also the driver's own time per call (--print-command,
# which does everything but run clang).
#   bench/cc_overhead.sh [XPORT] [RUNS]     (XPORT defaults to build/bin/xport; RUNS to 30)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
xport=${1:-$here/build/bin/xport}
runs=${2:-30}
xport=$(realpath "$xport" 2>/dev/null || echo "$xport")
[ -x "$xport" ] || { echo "cc_overhead: no xport binary at $xport (build first)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XPORT_HOME="$work/store" XDG_CONFIG_HOME="$work/config"
bash "$here/tests/e2e/fixtures/make_stub_sysroot.sh" freebsd "$work/freebsd" >/dev/null
cat >"$work/hw.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(int argc, char **argv) { printf("hello %d %zu\n", argc, strlen(argv[0])); return 0; }
C
cd "$work"
xport_cmd=("$xport" cc --target x86_64-unknown-freebsd --sysroot "$work/freebsd" hw.c -o hw-xport)
printed=$("${xport_cmd[@]:0:6}" --print-command hw.c -o hw-clang)
echo "clang command: $printed"
eval "clang_cmd=($printed)"
# Both run without the host variables, so neither pays for `env`: strip its prefix.
if [ "${clang_cmd[0]}" = env ]; then
  i=1
  while [ "${clang_cmd[$i]}" = -u ]; do
    unset "${clang_cmd[$((i + 1))]}"
    i=$((i + 2))
  done
  clang_cmd=("${clang_cmd[@]:$i}")
fi

now() { date +%s%N; }
ratios=()
xport_total=0 clang_total=0
"${xport_cmd[@]}" && "${clang_cmd[@]}" # warm the caches
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for ((r = 0; r < runs; r++)); do
  # Which of the pair goes first alternates, so neither always runs on warmer caches.
  if ((r % 2 == 0)); then
    t0=$(now); "${xport_cmd[@]}"; t1=$(now); "${clang_cmd[@]}"; t2=$(now)
    x=$((t1 - t0)) c=$((t2 - t1))
  else
    t0=$(now); "${clang_cmd[@]}"; t1=$(now); "${xport_cmd[@]}"; t2=$(now)
    c=$((t1 - t0)) x=$((t2 - t1))
  fi
  xport_total=$((xport_total + x)) clang_total=$((clang_total + c))
  ratios+=("$(awk -v x="$x" -v c="$c" 'BEGIN { printf "%.4f", x / c }')")
done
cmp <(readelf -h hw-xport) <(readelf -h hw-clang) >/dev/null || echo "warning: outputs differ" >&2

driver_ns=0 start_ns=0
for ((r = 0; r < runs; r++)); do
  t0=$(now); "${xport_cmd[@]:0:6}" --print-command hw.c >/dev/null; t1=$(now)
  "$xport" --version >/dev/null; t2=$(now)
  driver_ns=$((driver_ns + t1 - t0)) start_ns=$((start_ns + t2 - t1))
done
printf 'xport --version (process start only): %.2f ms\n' \
  "$(awk -v t=$start_ns -v n=$runs 'BEGIN { print t / n / 1e6 }')"
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
printf 'runs: %d pairs; mean xport cc %.1f ms, mean clang %.1f ms\n' "$runs" \
  "$(awk -v t=$xport_total -v n=$runs 'BEGIN { print t / n / 1e6 }')" \
  "$(awk -v t=$clang_total -v n=$runs 'BEGIN { print t / n / 1e6 }')"
printf 'xport cc --print-command alone (process start, catalog, sysroot, tools): %.2f ms\n' \
  "$(awk -v t=$driver_ns -v n=$runs 'BEGIN { print t / n / 1e6 }')"
printf 'median ratio xport cc / clang: %.3f (goal <= 1.01)\n' "$median"
printf 'load average before: %s; after: %s\n' "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)"
