# Shared by the benchmarks: medians of alternating runs, and the load average beside them.
#
#   alternate_medians RUNS fn1 fn2 ...
# calls each shell function once per round (after one warm-up round that is not counted),
# rotating which goes first, times each call with the monotonic clock, and sets MEDIAN[fn] to the
# median in seconds. A function that fails stops the benchmark. When a function `before_each` is
# defined, it runs before every call, untimed (removing the previous call's output, say).
declare -gA MEDIAN=()

_median() { sort -g | awk '{ v[NR] = $1 } END { printf "%.4f\n", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

alternate_medians() {
  local runs=$1 round i n start end fn
  shift
  local fns=("$@")
  n=${#fns[@]}
  declare -A times=()
  for ((round = 0; round <= runs; round++)); do
    for ((i = 0; i < n; i++)); do
      fn=${fns[$(((i + round) % n))]}
      if declare -F before_each >/dev/null; then before_each; fi
      start=$(date +%s%N)
      "$fn" || { echo "benchmark step $fn failed" >&2; exit 1; }
      end=$(date +%s%N)
      [ "$round" -eq 0 ] && continue # warm-up: page cache, dynamic loader caches
      times[$fn]+="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f", (b - a) / 1e9 }') "
    done
  done
  for fn in "${fns[@]}"; do
    MEDIAN[$fn]=$(tr ' ' '\n' <<<"${times[$fn]}" | grep . | _median)
  done
}

load_average() { cut -d' ' -f1-3 /proc/loadavg; }
