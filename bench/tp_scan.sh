#!/usr/bin/env bash
# A full `xport check` of libLLVM-14.so.1 (110 MB) for a target without a thread pointer (every
# check, as users run it: OS note, interpreter, relocations, TLS, the thread-pointer scan, JSON
# output) against what a user would run otherwise for the scan alone:
# `objdump -d --no-show-raw-insn FILE | grep %fs:`. Both must find the same addresses. Prints the
# medians of alternating runs, the ratio (goal: xport at least 50x faster) and the load average.
#
# usage: bench/tp_scan.sh [XPORT] [FILE]   (XPORT defaults to build/bin/xport); RUNS=N (default 5)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
source "$here/bench/lib.sh"
xport=${1:-$here/build/bin/xport}
file=${2:-/usr/lib/x86_64-linux-gnu/libLLVM-14.so.1}
RUNS=${RUNS:-5}
[ -x "$xport" ] || { echo "no xport binary at $xport (build it, or pass its path)" >&2; exit 1; }
[ -f "$file" ] || { echo "no $file (apt-get install libllvm14)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# check exits 1 when it finds errors, as it does here.
run_xport() { "$xport" check --target x86_64-unknown-genode --json "$file" >"$work/xport.json" || [ $? -eq 1 ]; }
run_objdump() { objdump -d --no-show-raw-insn "$file" | grep %fs: >"$work/objdump.txt"; }

load_before=$(load_average)
alternate_medians "$RUNS" run_xport run_objdump
load_after=$(load_average)

python3 - "$work/xport.json" >"$work/xport.txt" <<'PY'
import json, sys
for f in json.load(open(sys.argv[1]))["findings"]:
    if f["code"] in ("thread-pointer-read", "stack-protector-canary"):
        for a in f["addresses"]:
            print(format(int(a, 16), "x"))
PY
sort -u -o "$work/xport.txt" "$work/xport.txt"
awk -F: '{gsub(/ /, "", $1); print $1}' "$work/objdump.txt" | sort -u >"$work/objdump-addrs.txt"
if ! cmp -s "$work/xport.txt" "$work/objdump-addrs.txt"; then
  echo "MISMATCH: xport found $(wc -l <"$work/xport.txt") addresses, objdump $(wc -l <"$work/objdump-addrs.txt")" >&2
  exit 1
fi
t_xport=${MEDIAN[run_xport]} t_objdump=${MEDIAN[run_objdump]}
ratio=$(python3 -c "print(f'{$t_objdump / $t_xport:.1f}')")
printf 'file:    %s\n' "$file"
printf 'found:   %d thread-pointer instructions, the same addresses in both\n' "$(wc -l <"$work/xport.txt")"
printf 'medians of %d alternating runs:\n' "$RUNS"
printf '  objdump -d | grep %%fs:             %.3f s\n' "$t_objdump"
printf '  xport check (every check, --json)  %.3f s\n' "$t_xport"
printf 'ratio:   %sx (objdump / xport; goal >= 50x: %s)\n' "$ratio" \
  "$(python3 -c "print('met' if $ratio >= 50 else 'NOT met')")"
printf 'load average before: %s; after: %s\n' "$load_before" "$load_after"
