#!/usr/bin/env bash
# Thread-pointer scan of libLLVM-14.so.1 (110 MB): `xport check` against what a user would run
# otherwise, `objdump -d --no-show-raw-insn FILE | grep %fs:`, side by side in one run. Both must
# find the same addresses; prints both times and the ratio (goal: xport at least 20x faster).
#
# usage: bench/tp_scan.sh [XPORT] [FILE]   (XPORT defaults to build/bin/xport)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
xport=${1:-$here/build/bin/xport}
file=${2:-/usr/lib/x86_64-linux-gnu/libLLVM-14.so.1}
[ -x "$xport" ] || { echo "no xport binary at $xport (build it, or pass its path)" >&2; exit 1; }
[ -f "$file" ] || { echo "no $file (apt-get install libllvm14)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

xport_cmd="'$xport' check --target x86_64-unknown-genode --only thread-pointer-read --only stack-protector-canary --json '$file' > '$work/xport.json' || true"
objdump_cmd="objdump -d --no-show-raw-insn '$file' | grep %fs: > '$work/objdump.txt'"

if command -v hyperfine >/dev/null; then
  hyperfine --style basic --warmup 1 --runs 3 --export-json "$work/times.json" \
    -n xport "$xport_cmd" -n objdump "$objdump_cmd" >&2
  read -r t_xport t_objdump c_xport c_objdump < <(python3 -c '
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
cpu = lambda x: x["user"] + x["system"]
print(r["xport"]["median"], r["objdump"]["median"], cpu(r["xport"]), cpu(r["objdump"]))' "$work/times.json")
else
  now() { date +%s.%N; }
  a=$(now); eval "$xport_cmd"; b=$(now); eval "$objdump_cmd"; c=$(now)
  t_xport=$(python3 -c "print($b - $a)")
  t_objdump=$(python3 -c "print($c - $b)")
fi

python3 - "$work/xport.json" >"$work/xport.txt" <<'PY'
import json, sys
for f in json.load(open(sys.argv[1]))["findings"]:
    for a in f["addresses"]:
        print(format(int(a, 16), "x"))
PY
sort -u -o "$work/xport.txt" "$work/xport.txt"
awk -F: '{gsub(/ /, "", $1); print $1}' "$work/objdump.txt" | sort -u >"$work/objdump-addrs.txt"
if ! cmp -s "$work/xport.txt" "$work/objdump-addrs.txt"; then
  echo "MISMATCH: xport found $(wc -l <"$work/xport.txt") addresses, objdump $(wc -l <"$work/objdump-addrs.txt")" >&2
  exit 1
fi
printf 'file:    %s\n' "$file"
printf 'found:   %d thread-pointer instructions, the same addresses in both\n' "$(wc -l <"$work/xport.txt")"
printf 'objdump: %.2f s\n' "$t_objdump"
printf 'xport:   %.2f s\n' "$t_xport"
printf 'ratio:   %.1fx (objdump / xport, wall clock)\n' "$(python3 -c "print($t_objdump / $t_xport)")"
if [ -n "${c_xport:-}" ]; then
  # CPU time (user + system) does not depend on what else the machine runs meanwhile.
  printf 'cpu:     objdump %.2f s, xport %.2f s: %.1fx\n' "$c_objdump" "$c_xport" \
    "$(python3 -c "print($c_objdump / $c_xport)")"
fi
printf '(load average during the run: %s)\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
