#!/usr/bin/env bash
# Configures build/ (Ninja, RelWithDebInfo) and builds the product: bin/xport and
# libexec/xport/* (the full binary and the header reader), and the manual page. The tests are built by
# scripts/test.sh; `ninja -C build` builds everything. Extra arguments go to cmake.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
ninja -C build xport_main xport_full xport_abi_reader xport_manpage
