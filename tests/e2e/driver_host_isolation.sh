# Host isolation: with LIBRARY_PATH pointing at a folder of poisoned "host" libraries and start
# files, and CPATH at poisoned headers, xport cc still builds for x86_64 targets (where clang would
# use LIBRARY_PATH, the host's architecture being the same). The same clang command run with the
# variables kept fails, which proves the poison is real.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fixtures/cross.sh"
cd "$WORK"
mkdir -p poison/lib poison/include
# Garbage start files and libraries where COMPILER_PATH (searched like -B) and LIBRARY_PATH (-L)
# point, a host-only library that would link silently, and a header that stops any compile.
for f in libc.so libc.a libgcc.a libgcc_eh.a crt1.o crti.o crtn.o crtbegin.o crtend.o Scrt1.o; do
  echo "poisoned host file: the cross build must not read it" >"poison/lib/$f"
done
echo 'int hostonly(void) { return 1; }' >hostonly.c
clang-14 -c hostonly.c -o hostonly.o && llvm-ar-14 rcs poison/lib/libhostonly.a hostonly.o
echo '#error "poisoned host header: the cross build must not read it"' >poison/include/stdio.h
export LIBRARY_PATH="$WORK/poison/lib" COMPILER_PATH="$WORK/poison/lib"
export CPATH="$WORK/poison/include" C_INCLUDE_PATH="$WORK/poison/include"
cat >hw.c <<'C'
#include <stdio.h>
int main(void) { puts("isolated"); return 0; }
C
echo 'int hostonly(void); int main(void) { return hostonly(); }' >uses_host_lib.c

bash "$XPORT_SOURCE_DIR/tests/e2e/fixtures/make_stub_sysroot.sh" freebsd "$WORK/freebsd" >/dev/null
musl_root=$(musl_sysroot)

step "$XPORT" cc --target x86_64-unknown-freebsd --sysroot "$WORK/freebsd" hw.c -o hw-freebsd
expect_contains "$(readelf -h hw-freebsd)" "UNIX - FreeBSD" "hw-freebsd"
step "$XPORT" cc --target x86_64-unknown-linux-musl -static hw.c -o hw-musl
out=$(./hw-musl)
[ "$out" = "isolated" ] || fail "musl program printed '$out'"
# A library only the host has is not found (clang alone would link the host's copy silently).
expect_status 1 "$XPORT" cc --target x86_64-unknown-freebsd --sysroot "$WORK/freebsd" \
  uses_host_lib.c -lhostonly -o leak
expect_contains "$OUT" "unable to find library -lhostonly" "xport cc with a host-only library"

# The printed command unsets the variables; without that prefix the same clang command fails.
printed=$("$XPORT" cc --target x86_64-unknown-freebsd --sysroot "$WORK/freebsd" --print-command hw.c -o hw2)
echo "$printed"
expect_contains "$printed" "env -u COMPILER_PATH -u CPATH -u C_INCLUDE_PATH -u LIBRARY_PATH " \
  "the printed command"
eval "cmd=($printed)"
clang_only=("${cmd[@]:9}")
case "${clang_only[0]}" in *clang*) ;; *) fail "unexpected command layout: ${cmd[*]}" ;; esac
if "${clang_only[@]}" 2>poisoned.txt; then
  fail "clang with the poisoned variables kept succeeded: the scenario proves nothing"
fi
expect_contains "$(cat poisoned.txt)" "poisoned host header" "clang's error with CPATH kept"
"${cmd[@]}" || fail "the printed command does not build"
# And with LIBRARY_PATH kept, clang links the host-only library into a FreeBSD program.
env -u CPATH -u C_INCLUDE_PATH clang-14 -target x86_64-unknown-freebsd -c uses_host_lib.c -o u.o ||
  fail "compiling uses_host_lib.c failed"
(unset COMPILER_PATH; "${clang_only[0]}" -target x86_64-unknown-freebsd --sysroot="$WORK/freebsd" \
  -fuse-ld=lld u.o -lhostonly -o leaked) || fail "clang alone did not pick up the host library"
echo "PASS: host variables do not leak into cross builds"
