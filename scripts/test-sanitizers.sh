#!/usr/bin/env bash
# The library, its unit tests and the fuzz corpora replayed, built with AddressSanitizer and
# UndefinedBehaviorSanitizer into build-asan/ (not the xport binaries or the end-to-end
# scenarios, which run on the ordinary build). Any report fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
# NDEBUG as in the shipped build: toml++ 3.3's parser asserts an invariant that input such as
# "[[[[" breaks (parse_key), and then reports the syntax error correctly when asserts are off.
flags="-O0 -DNDEBUG -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Sanitize \
  -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
targets=$(ninja -C build-asan -t targets all | sed -n 's/^\(unit_[a-z_]*\|[a-z_]*_fuzz_replay\): .*/\1/p' | sort -u)
# shellcheck disable=SC2086
ninja -C build-asan $targets
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build-asan -L 'unit|fuzz' --output-on-failure -j "$(nproc)"
