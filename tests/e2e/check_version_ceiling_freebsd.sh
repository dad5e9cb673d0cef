#!/usr/bin/env bash
# Symbol-version ceilings against FreeBSD 13.2's real base.txz: copy_file_range, first versioned
# FBSD_1.6 (13.0), is flagged under FBSD_1.5 (12.x) by xport check and fails xport cc's link
# with the same words; under FBSD_1.6 the program is clean. rand() is flagged too: 13.2's
# libc.so.7 has rand@FBSD_1.0 and the default rand@@FBSD_1.6, and a link binds the default
# (docs/checks.md: the ceiling flags, it does not relink). FBSDprivate_1.0, which the base
# libraries need from one another, is another family and never bounded by FBSD_1.x.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
T=x86_64-unknown-freebsd
step "$XPORT" sysroot import "$(real_media freebsd-13.2-amd64-base.txz)" --target "$T" >/dev/null
root="$XPORT_HOME/sysroots/$T/root"
defs=$(readelf --dyn-syms -W "$root/lib/libc.so.7")
grep -q " copy_file_range@@FBSD_1.6$" <<<"$defs" && ! grep -q " copy_file_range@FBSD_1\.[0-5]$" <<<"$defs" ||
  fail "libc.so.7 does not define copy_file_range first at FBSD_1.6: the scenario shows nothing"
grep -q " rand@FBSD_1.0$" <<<"$defs" && grep -q " rand@@FBSD_1.6$" <<<"$defs" ||
  fail "libc.so.7 lacks rand@FBSD_1.0 and rand@@FBSD_1.6"

cat >copy.c <<'C'
#include <stdlib.h>
#include <unistd.h>
int main(void) { return (int)copy_file_range(0, NULL, 1, NULL, 0, 0) + rand() % 1; }
C
step "$XPORT" cc --target "$T" copy.c -o copy
expect_status 1 "$XPORT" check --target "$T" --max-version FBSD_1.5 copy
expect_contains "$OUT" "copy: error [symbol-version-above-ceiling]: imports \`copy_file_range\` at version FBSD_1.6 from libc.so.7, above the ceiling FBSD_1.5 (--max-version): a system whose libc.so.7 stops at FBSD_1.5 refuses to load it"
expect_contains "$OUT" "copy: error [symbol-version-above-ceiling]: imports \`rand\` at version FBSD_1.6 from libc.so.7"
expect_contains "$OUT" "2 findings (2 errors)"
check_text=$(grep "^copy: error" <<<"$OUT")
expect_status 0 "$XPORT" check --target "$T" --max-version FBSD_1.6 copy
expect_not_contains "$OUT" "symbol-version-above-ceiling"

# The link under the ceiling fails with the same findings, and leaves no program behind.
rm copy
expect_status 1 "$XPORT" cc --target "$T" --max-version FBSD_1.5 copy.c -o copy
expect_contains "$OUT" "$check_text"
expect_contains "$OUT" "the link wrote copy, which needs symbol versions above the ceiling FBSD_1.5 (2 findings above); it was removed"
[ ! -e copy ] || fail "xport cc left copy behind after a link above the ceiling"
step "$XPORT" cc --target "$T" --max-version FBSD_1.6 copy.c -o copy
[ -f copy ] || fail "xport cc under FBSD_1.6 wrote no program"

# The base's own libraries need FBSDprivate_1.0 from libc.so.7: not an FBSD_1.x version.
readelf -V "$root/lib/libthr.so.3" | grep -q "Name: FBSDprivate_1.0" ||
  fail "libthr.so.3 needs no FBSDprivate_1.0: the scenario shows nothing"
expect_status 0 "$XPORT" check --target "$T" --max-version FBSD_1.5 --only symbol-version-above-ceiling \
  "$root/lib/libthr.so.3"
expect_contains "$OUT" "0 findings"
echo "ok"
