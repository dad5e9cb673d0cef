#!/usr/bin/env bash
# Builds xport and its tests and runs the whole test suite: unit tests, end-to-end scenarios on
# real media, and the fuzz corpora. Exits non-zero when any test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
ninja -C build
ctest --test-dir build --output-on-failure -j "$(nproc)" "$@"
