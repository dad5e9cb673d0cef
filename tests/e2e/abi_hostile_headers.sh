#!/usr/bin/env bash
# `xport abi dump` on a sysroot whose layered headers are hostile, made here (fast: a handful of
# headers):
# - a header that includes a host file (/etc/passwd by absolute path, a file beside the store by
#   '..' steps) is left out with a reason naming that path, and nothing of the file appears in
#   any output (the file beside the store is valid C whose declarations would show);
# - a header whose macros expand exponentially (`#define A1 (A0+A0)` ... A40: 2^40 tokens) is
#   left out with the reason, in bounded time and memory, and the rest of the dump succeeds; so
#   are one that doubles through function-like macros (`#define F1(x) (F0(x)+F0(x))` ... used by
#   `#define FBOMB F40(1)`) and one that nests 5,000 macros deep, while a header of everyday
#   function-like and variadic macros keeps its constants.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
T=${XPORT_TEST_TARGET:-x86_64-unknown-freebsd}

mkdir -p base/usr/include/sys base/usr/lib
cat >base/usr/include/sys/types.h <<'H'
typedef unsigned long size_t;
struct xport_good { int a; long b; };
#define XPORT_GOOD_VALUE 42
H
echo 'stub' >base/usr/lib/libc.so.7
(cd base && tar -cf ../base.tar usr)
step "$XPORT" sysroot import base.tar --target "$T" >/dev/null

# The host's file: valid C, so that a dump that read it would show its declarations.
mkdir -p "$XPORT_HOME/secret"
printf 'struct xport_secret_struct { int xport_secret_field; };\n#define XPORT_SECRET_VALUE 1234\n' \
  >"$XPORT_HOME/secret/secret.h"
mkdir -p layer/usr/local/include
echo '#include "/etc/passwd"' >layer/usr/local/include/passwd.h
# From usr/local/include in the store's sysroot: up to the store, then into secret/.
echo '#include "../../../../../../secret/secret.h"' >layer/usr/local/include/dotdot.h
echo "#include \"$XPORT_HOME/secret/secret.h\"" >layer/usr/local/include/absolute.h
python3 - >layer/usr/local/include/bomb.h <<'PY'
print("#define A0 1")
for i in range(1, 41):
    print("#define A%d (A%d+A%d)" % (i, i - 1, i - 1))
print("struct bomb_s { int x; };")
PY
python3 - >layer/usr/local/include/fbomb.h <<'PY'
print("#define F0(x) x")
for i in range(1, 41):
    print("#define F%d(x) (F%d(x)+F%d(x))" % (i, i - 1, i - 1))
print("#define FBOMB F40(1)")
print("struct fbomb_s { int x; };")
PY
python3 - >layer/usr/local/include/deep.h <<'PY'
# Each macro names the next, so that E1, first by name, expands through all 5,000.
for i in range(1, 5000):
    print("#define E%d E%d" % (i, i + 1))
print("#define E5000 1")
print("struct deep_s { int x; };")
PY
cat >layer/usr/local/include/everyday.h <<'H'
#define XPORT_MAX(a, b) ((a) > (b) ? (a) : (b))
#define XPORT_FIRST(x, ...) (x)
#define XPORT_TWICE(x) XPORT_MAX(x, x)
#define XPORT_EVERYDAY XPORT_TWICE(XPORT_FIRST(7, 8, 9))
H
echo 'struct xport_layered { int y; };' >layer/usr/local/include/layered.h
(cd layer && tar -cf ../layer.tar usr)
step "$XPORT" sysroot add "$T" layer.tar >/dev/null
[ -f "$XPORT_HOME/sysroots/$T/root/usr/local/include/dotdot.h" ] || fail "the layer was not added"
(cd "$XPORT_HOME/sysroots/$T/root/usr/local/include" && [ -f ../../../../../../secret/secret.h ]) ||
  fail "the '..' include does not reach the host file, so the test tests nothing"

start=$(date +%s)
expect_status 0 timeout 60 "$XPORT" abi dump --target "$T"
took=$(($(date +%s) - start))
echo "$OUT"
[ "$took" -le 30 ] || fail "the dump took ${took}s"
expect_contains "$OUT" "# left out passwd.h: includes '/etc/passwd', outside the sysroot"
expect_contains "$OUT" "# left out dotdot.h: includes '$XPORT_HOME/secret/secret.h', outside the sysroot"
expect_contains "$OUT" "# left out absolute.h: includes '$XPORT_HOME/secret/secret.h', outside the sysroot"
expect_contains "$OUT" "# left out bomb.h: bomb.h:"
expect_contains "$OUT" "a macro whose expansion passes"
expect_contains "$OUT" "# left out fbomb.h: fbomb.h:42: defines FBOMB, a macro whose expansion passes"
expect_contains "$OUT" "# left out deep.h: deep.h:"
expect_contains "$OUT" "a macro whose expansion nests more than 1000 macros deep"
expect_contains "$OUT" "const XPORT_EVERYDAY = 7"
expect_contains "$OUT" "struct xport_good (sys/types.h:2)"
expect_contains "$OUT" "struct xport_layered"
expect_contains "$OUT" "const XPORT_GOOD_VALUE = 42"
json=$("$XPORT" abi dump --target "$T" --json)
for out in "$OUT" "$json"; do
  expect_not_contains "$out" "xport_secret" "the dump"
  expect_not_contains "$out" "XPORT_SECRET_VALUE" "the dump"
  expect_not_contains "$out" "$(head -1 /etc/passwd | cut -d: -f1-3)" "the dump"
  expect_not_contains "$out" "/bin/" "the dump"
done
echo "ok (${took}s)"
