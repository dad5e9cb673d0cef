# xport cc / c++ for FreeBSD and DragonFly from stub sysroots the test generates (crt objects with
# the OS's ABI note and a link-only libc, compiled by clang): the executables carry the right
# interpreter, NEEDED libraries, OS/ABI byte and note. Clang alone, with only --sysroot, cannot
# link for DragonFly: the test shows that first.
source "$(dirname "$0")/lib.sh"
export LIBRARY_PATH="${LIBRARY_PATH:-/usr/local/lib}"
cd "$WORK"
bash "$XPORT_SOURCE_DIR/tests/e2e/fixtures/make_stub_sysroot.sh" freebsd "$WORK/freebsd" >/dev/null
bash "$XPORT_SOURCE_DIR/tests/e2e/fixtures/make_stub_sysroot.sh" dragonfly "$WORK/dragonfly" >/dev/null
cat >hw.c <<'C'
#include <stdio.h>
int main(void) { puts("hello"); return 0; }
C
cat >hw.cpp <<'CXX'
extern "C" int puts(const char *);
struct Greeter { Greeter() { puts("hello"); } };
static Greeter greeter;
int main() {}
CXX

# The manual way does not work: clang 14's DragonFly driver looks for crt1.o and libgcc outside
# the sysroot.
if env -u LIBRARY_PATH clang-14 -target x86_64-pc-dragonfly-elf --sysroot="$WORK/dragonfly" \
  -fuse-ld=lld hw.c -o hw-plain 2>/dev/null; then
  fail "clang linked for DragonFly without xport's -B/-L: the scenario no longer shows the gap"
fi

# check_elf FILE INTERPRETER NEEDED OSABI NOTE_OWNER
check_elf() {
  local file=$1 interp=$2 needed=$3 osabi=$4 owner=$5
  local headers
  headers=$(readelf -h -l -d -n "$file")
  expect_contains "$headers" "[Requesting program interpreter: $interp]" "$file interpreter"
  expect_contains "$headers" "Shared library: [$needed]" "$file NEEDED"
  expect_contains "$headers" "OS/ABI:                            $osabi" "$file OS/ABI"
  expect_contains "$headers" "$owner" "$file notes"
  local inspected
  inspected=$("$XPORT" inspect "$file") || fail "xport inspect $file failed"
  echo "$inspected"
  expect_contains "$inspected" "$owner" "xport inspect $file"
  expect_contains "$inspected" "$interp" "xport inspect $file"
}

step "$XPORT" cc --target x86_64-unknown-freebsd --sysroot "$WORK/freebsd" hw.c -o hw-freebsd
check_elf hw-freebsd /libexec/ld-elf.so.1 libc.so.7 "UNIX - FreeBSD" FreeBSD
# FreeBSD 13's own cc (clang) links non-PIE executables by default; so does xport cc.
expect_contains "$(readelf -h hw-freebsd | grep Type:)" "EXEC" "ELF type of hw-freebsd (not PIE)"
notes=$(readelf -n hw-freebsd)
expect_contains "$notes" "FreeBSD" "FreeBSD note owner"

step "$XPORT" cc --target x86_64-unknown-dragonfly --sysroot "$WORK/dragonfly" hw.c -o hw-dragonfly
check_elf hw-dragonfly /usr/libexec/ld-elf.so.2 libc.so.8 "UNIX - System V" DragonFly
rpath=$(readelf -d hw-dragonfly)
expect_contains "$rpath" "/usr/lib/gcc80" "DragonFly runpath"

# C++ on FreeBSD is libc++ (clang alone would pick libstdc++ for the unversioned triple).
step "$XPORT" c++ --target x86_64-unknown-freebsd --sysroot "$WORK/freebsd" hw.cpp -o hwxx-freebsd
needed=$(readelf -d hwxx-freebsd)
expect_contains "$needed" "Shared library: [libc++.so.1]" "FreeBSD C++ NEEDED"
expect_not_contains "$needed" "libstdc++" "FreeBSD C++ NEEDED"
step "$XPORT" c++ --target x86_64-unknown-dragonfly --sysroot "$WORK/dragonfly" hw.cpp -o hwxx-dfly
needed=$(readelf -d hwxx-dfly)
expect_contains "$needed" "Shared library: [libstdc++.so.9]" "DragonFly C++ NEEDED"

# Static links: no interpreter, and still the OS note.
step "$XPORT" cc --target x86_64-unknown-freebsd --sysroot "$WORK/freebsd" -static hw.c -o hw-static
headers=$(readelf -l -n hw-static)
expect_not_contains "$headers" "program interpreter" "static FreeBSD program"
expect_contains "$headers" "FreeBSD" "static FreeBSD program notes"

# A shared library: no interpreter, NEEDED libc.
echo 'int answer(void) { return 42; }' >lib.c
step "$XPORT" cc --target x86_64-unknown-dragonfly --sysroot "$WORK/dragonfly" -shared -fPIC lib.c -o libanswer.so
headers=$(readelf -h -l -d libanswer.so)
expect_contains "$headers" "DYN (Shared object file)" "DragonFly shared library type"
expect_not_contains "$headers" "program interpreter" "DragonFly shared library"
echo "PASS: FreeBSD and DragonFly executables have the right interpreter, NEEDED, OS/ABI and notes"
