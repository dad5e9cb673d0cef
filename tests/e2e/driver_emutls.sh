# Emulated TLS. A _Thread_local program built for a profile with tls-model = "emulated" reads no
# thread pointer (no %fs: access in its code, checked with objdump) and, with xport's own
# emulated-TLS runtime, runs with correct per-thread values; the same program for the native
# profile reads %fs. The Genode profile on a FreeBSD sysroot (whose libgcc has no
# __emutls_get_address) links with xport's runtime.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fixtures/cross.sh"
export LIBRARY_PATH="${LIBRARY_PATH:-/usr/local/lib}"
cd "$WORK"
write_tls_program tls.c
musl_root=$(musl_sysroot)

# A musl sysroot whose libgcc lacks __emutls_get_address, as FreeBSD's: musl plus stub libgcc
# archives and start files, so neither the sysroot nor compiler-rt provides the runtime.
mkdir -p musl-plain
cp -as "$musl_root/." musl-plain/
lib=musl-plain/usr/lib/x86_64-linux-musl
echo 'static int unused __attribute__((unused));' >empty.c
clang-14 -target x86_64-linux-musl -c empty.c -o empty.o
for f in crtbeginT.o crtbegin.o crtbeginS.o crtend.o crtendS.o; do cp empty.o "$lib/$f"; done
llvm-ar-14 rcs "$lib/libgcc.a" empty.o
llvm-ar-14 rcs "$lib/libgcc_eh.a" empty.o

mkdir -p profiles
cat >profiles/musl-emutls.toml <<'TOML'
name = "x86_64-linux-musl-emutls"
inherits = "x86_64-unknown-linux-musl"
description = "musl on x86_64 with TLS emulated"
tls-model = "emulated"
TOML

emulated=(--target x86_64-linux-musl-emutls --profile profiles/musl-emutls.toml --sysroot "$WORK/musl-plain")
native=(--target x86_64-unknown-linux-musl --sysroot "$WORK/musl-plain")

step "$XPORT" cc "${emulated[@]}" -c tls.c -o tls-emulated.o
step "$XPORT" cc "${native[@]}" -c tls.c -o tls-native.o
grep -q '%fs:' <<<"$(objdump -d tls-emulated.o)" && fail "emulated-TLS object reads %fs"
grep -q '%fs:' <<<"$(objdump -d tls-native.o)" || fail "native-TLS object does not read %fs (test is blind)"
grep -q '__emutls_get_address' <<<"$(objdump -dr tls-emulated.o)" ||
  fail "emulated-TLS object does not call __emutls_get_address"

XPORT_VERBOSE=1 step "$XPORT" cc "${emulated[@]}" -static tls.c -o tls-emulated 2>verbose.txt ||
  { cat verbose.txt; fail "the emulated-TLS link failed"; }
cat verbose.txt
expect_contains "$(cat verbose.txt)" "libxport_emutls.a" "the link command"
out=$(./tls-emulated)
[ "$out" = "threads 1005 1005 1005 1005 main 6" ] || fail "emulated-TLS program printed '$out'"
grep -q ' T __emutls_get_address' <<<"$(nm tls-emulated)" || fail "__emutls_get_address not linked in"
grep -q '%fs:' <<<"$(objdump -d --disassemble=work tls-emulated)" && fail "work() reads %fs when emulated"

step "$XPORT" cc "${native[@]}" -static tls.c -o tls-native
out=$(./tls-native)
[ "$out" = "threads 1005 1005 1005 1005 main 6" ] || fail "native-TLS program printed '$out'"
grep -q '%fs:' <<<"$(objdump -d --disassemble=work tls-native)" || fail "native work() does not read %fs"

# The runtime is built once and cached: a second link finds it (same archive path, same file).
cache=$(find "$XDG_CACHE_HOME/xport/driver/emutls" -name libxport_emutls.a)
[ "$(echo "$cache" | wc -l)" -eq 1 ] || fail "expected one cached runtime, found: $cache"
before=$(stat -c %Y "$cache")
step "$XPORT" cc "${emulated[@]}" -static tls.c -o tls-again
[ "$(stat -c %Y "$cache")" = "$before" ] || fail "the cached runtime was rebuilt"

# Genode: FreeBSD's ABI with TLS emulated, on a FreeBSD sysroot without __emutls_get_address.
bash "$XPORT_SOURCE_DIR/tests/e2e/fixtures/make_stub_sysroot.sh" freebsd "$WORK/freebsd" >/dev/null
step "$XPORT" cc --target x86_64-unknown-genode --sysroot "$WORK/freebsd" tls.c -o tls-genode
grep -q ' T __emutls_get_address' <<<"$(nm tls-genode)" || fail "Genode program lacks __emutls_get_address"
grep -q '%fs:' <<<"$(objdump -d --disassemble=work tls-genode)" && fail "Genode work() reads %fs"
step "$XPORT" cc --target x86_64-unknown-freebsd --sysroot "$WORK/freebsd" tls.c -o tls-freebsd
grep -q '%fs:' <<<"$(objdump -d --disassemble=work tls-freebsd)" || fail "FreeBSD work() does not read %fs"
echo "PASS: emulated TLS reads no thread pointer, runs correctly, and links for Genode"
