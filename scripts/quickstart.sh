#!/usr/bin/env bash
# The README's first command: installs what xport needs, builds the product (bin/xport,
# libexec/xport/* and the manual page, not the tests), and runs its main job on real media
# (scripts/demo.sh), printing every step as a user would type it and how long each phase took.
# The build starts as soon as the packages it needs are in, and runs while the others install.
set -euo pipefail
cd "$(dirname "$0")/.."
export XPORT_QUICKSTART_START=${XPORT_QUICKSTART_START:-$(date +%s)}
bold=$'\033[1m' plain=$'\033[0m'
[ -t 1 ] || bold='' plain=''
report() { # report NAME START
  local now=$(date +%s)
  printf '%s== %s: %d s (%d s since the quick start began)%s\n' "$bold" "$1" $((now - $2)) \
    $((now - XPORT_QUICKSTART_START)) "$plain"
}
phase() {
  local name=$1 start=$(date +%s)
  shift
  printf '%s== %s%s\n' "$bold" "$name" "$plain"
  "$@"
  report "$name" "$start"
}

phase "packages the build needs (scripts/install-deps.sh --build)" bash scripts/install-deps.sh --build
mkdir -p build
log=build/quickstart-build.log
build_start=$(date +%s)
printf '%s== build (scripts/build.sh: bin/xport, libexec/xport/*), alongside; log: %s%s\n' \
  "$bold" "$log" "$plain"
bash scripts/build.sh >"$log" 2>&1 &
build=$!
trap 'kill $build 2>/dev/null || true' EXIT
phase "the other packages (scripts/install-deps.sh --rest)" bash scripts/install-deps.sh --rest
if ! wait $build; then
  tail -n 30 "$log" >&2
  echo "quickstart: the build failed; the whole log is $log" >&2
  exit 1
fi
trap - EXIT
report "build (alongside the packages)" "$build_start"
phase "demo (scripts/demo.sh)" bash scripts/demo.sh
