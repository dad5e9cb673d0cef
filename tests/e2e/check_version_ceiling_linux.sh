#!/usr/bin/env bash
# Symbol-version ceilings against Debian 12's aarch64 cross glibc 2.36: a library calling
# getrandom (GLIBC_2.25) is flagged under GLIBC_2.17 and clean under GLIBC_2.28, by xport check
# --max-version, and xport cc fails the link with the same words and removes the output; the
# ceiling also comes from XPORT_MAX_VERSION and from a user profile's max-versions (inherited by
# a toolchain link, as the files xport emit writes use it), where --max-version replaces it. A
# program linked against glibc 2.36 needs __libc_start_main@GLIBC_2.34 from its start files
# whatever it calls: the ceiling flags it, it does not relink it (docs/checks.md).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fixtures/cross.sh"
cd "$WORK"
T=aarch64-unknown-linux-gnu
root=$(debian_sysroot arm64 "$T")
cat >rand.c <<'C'
#include <stdio.h>
#include <sys/random.h>
int fill(unsigned char *buf, unsigned long n) { return getrandom(buf, n, 0) == (long)n; }
C
printf '#include <stdio.h>\nint fill(unsigned char *, unsigned long);\nint main(void) { unsigned char b[8]; printf("%%d\\n", fill(b, 8)); return 0; }\n' >main.c
above_17="librand.so: error [symbol-version-above-ceiling]: imports \`getrandom\` at version GLIBC_2.25 from libc.so.6, above the ceiling GLIBC_2.17"

# xport check, no ceiling: nothing to say about versions; under GLIBC_2.17: getrandom, with the
# library, the version, the ceiling and where it was set; under GLIBC_2.28: clean.
step "$XPORT" cc --target "$T" -fPIC -shared rand.c -o librand.so
readelf -V librand.so | grep -q "Name: GLIBC_2.25" ||
  fail "librand.so needs no GLIBC_2.25: the scenario shows nothing"
expect_status 0 "$XPORT" check --target "$T" librand.so
expect_not_contains "$OUT" "symbol-version-above-ceiling"
expect_status 1 "$XPORT" check --target "$T" --max-version GLIBC_2.17 librand.so
expect_contains "$OUT" "$above_17 (--max-version): a system whose libc.so.6 stops at GLIBC_2.17 refuses to load it"
expect_contains "$OUT" "fix: link against the sysroot of the oldest release you deploy to"
expect_contains "$OUT" "symbol versions up to GLIBC_2.17"
check_text=$(grep "^librand.so: error" <<<"$OUT")
expect_status 0 "$XPORT" check --target "$T" --max-version GLIBC_2.28 librand.so
expect_not_contains "$OUT" "symbol-version-above-ceiling"
expect_status 1 "$XPORT" check --target "$T" --max-version GLIBC_2.17 --json librand.so
python3 - "$OUT" <<'PY' || fail "check --json lacks the ceiling or the finding"
import json, sys
doc = json.loads(sys.argv[1])
assert doc["max_versions"] == ["GLIBC_2.17"], doc["max_versions"]
(f,) = [f for f in doc["findings"] if f["code"] == "symbol-version-above-ceiling"]
assert f["symbol"] == "getrandom" and f["severity"] == "error" and f["section"] == ".gnu.version_r", f
PY
# Other families are not bounded by it.
expect_status 0 "$XPORT" check --target "$T" --max-version FBSD_1.0 --max-version GCC_3.0 librand.so

# xport cc under the same ceiling: the link fails with the same words, and the output is gone.
rm -f librand.so
expect_status 1 "$XPORT" cc --target "$T" --max-version GLIBC_2.17 -fPIC -shared rand.c -o librand.so
expect_contains "$OUT" "$check_text"
expect_contains "$OUT" "xport: error: the link wrote librand.so, which needs symbol versions above the ceiling GLIBC_2.17 (1 finding above); it was removed"
[ ! -e librand.so ] || fail "xport cc left librand.so behind after a link above the ceiling"
step "$XPORT" cc --target "$T" --max-version GLIBC_2.28 -fPIC -shared rand.c -o librand.so
[ -f librand.so ] || fail "xport cc under GLIBC_2.28 wrote no librand.so"
# A compile is never judged (nothing is linked), nor is a link without a ceiling.
step "$XPORT" cc --target "$T" --max-version GLIBC_2.17 -fPIC -c rand.c -o rand.o
expect_status 0 "$XPORT" cc --target "$T" --max-version GLIBC_2.17 --print-command -shared rand.o -o librand2.so
expect_contains "$OUT" "# then the symbol versions librand2.so needs are checked against GLIBC_2.17"
expect_status 0 "$XPORT" cc --target "$T" --print-command -shared rand.o -o librand2.so
expect_not_contains "$OUT" "symbol versions"
# The ceiling from the environment; --max-version replaces it for its family.
XPORT_MAX_VERSION=GLIBC_2.17,GCC_3.0 expect_status 1 "$XPORT" cc --target "$T" -shared rand.o -o librand2.so
expect_contains "$OUT" "above the ceiling GLIBC_2.17 (XPORT_MAX_VERSION)"
XPORT_MAX_VERSION=GLIBC_2.17 expect_status 0 "$XPORT" cc --target "$T" -shared rand.o -o librand2.so --max-version GLIBC_2.28

# A program: crt1.o of glibc 2.36 binds __libc_start_main to GLIBC_2.34, which the ceiling
# names; it does not link the program against an older glibc.
expect_status 1 "$XPORT" cc --target "$T" --max-version GLIBC_2.28 main.c librand.so -o main
expect_contains "$OUT" "main: error [symbol-version-above-ceiling]: imports \`__libc_start_main\` at version GLIBC_2.34 from libc.so.6, above the ceiling GLIBC_2.28"
expect_not_contains "$OUT" "getrandom"
[ ! -e main ] || fail "xport cc left main behind"
step "$XPORT" cc --target "$T" --max-version GLIBC_2.34 main.c librand.so -o main
if command -v qemu-aarch64 >/dev/null; then
  out=$(qemu-aarch64 -L "$root/usr/aarch64-linux-gnu" -E LD_LIBRARY_PATH="$WORK" ./main)
  [ "$out" = 1 ] || fail "main printed '$out'"
fi

# Bad ceilings are usage errors with "did you mean".
expect_status 2 "$XPORT" check --target "$T" --max-version glibc_2.17 librand.so
expect_contains "$OUT" "--max-version: 'glibc_2.17' names no version family of the libraries xport knows (did you mean 'GLIBC_2.17'?)"
expect_status 2 "$XPORT" cc --target "$T" --max-version GLIBC2.17 -shared rand.o -o librand3.so
expect_contains "$OUT" "'GLIBC2.17' is not a version ceiling (did you mean 'GLIBC_2.17'?)"
XPORT_MAX_VERSION=GLIBC-2.17 expect_status 2 "$XPORT" check --target "$T" librand.so
expect_contains "$OUT" "XPORT_MAX_VERSION: 'GLIBC-2.17' is not a version ceiling"

# The profile's field: a user profile deployable to glibc 2.17, on the same sysroot.
mkdir -p xport/targets
cat >xport/targets/old.toml <<'TOML'
name = "aarch64-linux-gnu-glibc217"
inherits = "aarch64-unknown-linux-gnu"
max-versions = ["GLIBC_2.17"]
TOML
O=aarch64-linux-gnu-glibc217
expect_status 0 "$XPORT" target show "$O"
expect_contains "$OUT" "GLIBC_2.17"
expect_status 1 "$XPORT" check --target "$O" --sysroot "$T" librand.so
expect_contains "$OUT" "above the ceiling GLIBC_2.17 (max-versions at xport/targets/old.toml:3:1)"
expect_status 0 "$XPORT" check --target "$O" --sysroot "$T" --max-version GLIBC_2.28 librand.so
expect_status 1 "$XPORT" cc --target "$O" --sysroot "$T" -shared rand.o -o librand4.so
expect_contains "$OUT" "librand4.so: error [symbol-version-above-ceiling]: imports \`getrandom\` at version GLIBC_2.25 from libc.so.6, above the ceiling GLIBC_2.17 (max-versions at xport/targets/old.toml:3:1)"
[ ! -e librand4.so ] || fail "xport cc left librand4.so behind"
# A toolchain link for the profile (what xport emit's files run) applies it too.
step "$XPORT" toolchain install "$O" tc --sysroot "$T" --profile xport/targets/old.toml >/dev/null
expect_status 1 "tc/$O-cc" -shared rand.o -o librand5.so
expect_contains "$OUT" "above the ceiling GLIBC_2.17 (max-versions at"
[ ! -e librand5.so ] || fail "the toolchain link left librand5.so behind"
# A bad value in the profile names its place, with "did you mean".
printf 'name = "bad"\ninherits = "aarch64-unknown-linux-gnu"\nmax-versions = ["GLIBC_2.17", "glibc_2.28"]\n' >bad.toml
expect_status 1 "$XPORT" target check bad.toml
expect_contains "$OUT" "bad.toml:3:31: bad value for 'max-versions': 'glibc_2.28' names no version family"
expect_contains "$OUT" "(did you mean 'GLIBC_2.28'?)"
echo "ok"
