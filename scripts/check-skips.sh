#!/usr/bin/env bash
# Fails when the ctest log (argument 1) lists a skipped test that tests/ci-allowed-skips.txt does
# not allow, printing each such test; used by .ci/run so that no skip hides a regression on CI.
set -euo pipefail
log=$1
allowed="$(dirname "$0")/../tests/ci-allowed-skips.txt"
skipped=$(sed -n 's/^[[:space:]]*[0-9]* - \(.*\) (Skipped)$/\1/p' "$log" | sort -u)
status=0
for name in $skipped; do
  if ! grep -qE "^${name//./\\.}[[:space:]]" "$allowed"; then
    echo "check-skips: $name skipped on CI, and tests/ci-allowed-skips.txt does not allow it" >&2
    status=1
  fi
done
[ $status -eq 0 ] && echo "check-skips: $(wc -w <<<"$skipped") skipped test(s), all allowed"
exit $status
