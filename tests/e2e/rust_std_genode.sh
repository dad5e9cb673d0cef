#!/usr/bin/env bash
# The Genode story with a real standard library and FreeBSD 13.2's real libc. A crate whose
# threads each count in a thread_local! is built twice with std compiled from the toolchain's own
# source (Rust 1.96, past the 1.77 release whose FreeBSD std reads thread-locals through %fs):
# - `xport cargo x86_64-unknown-freebsd`: FreeBSD's own TLS model; `xport check` for the Genode
#   target names std's thread-local functions that read %fs, the Rust 1.77 crash explained before
#   the program runs;
# - `xport cargo x86_64-unknown-genode` ("FreeBSD, except tls-model = emulated"): linked by xport cc
#   against FreeBSD's real libc.so.7 with the emulated-TLS runtime, it carries the FreeBSD 13.2 note
#   and no instruction reads %fs; check finds no error, and warns of the one import Genode's libc
#   lacks (pthread_getthreadid_np, the reason Goa pins an older nightly). Without Genode's ABI in
#   the sysroot this is a FreeBSD link, and xport cc says so; tests/e2e/genode_abi.sh links as
#   Genode does.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/rust_lib.bash"
base=$(real_media freebsd-13.2-amd64-base.txz)
require_vendored_rust
cd "$WORK"

step "$XPORT" sysroot import "$base" --target x86_64-unknown-genode >/dev/null
step "$XPORT" sysroot import "$base" --target x86_64-unknown-freebsd >/dev/null

# Why the note needs xport's help: FreeBSD's Scrt1.o keeps its ABI note in a COMDAT group, which
# lld garbage-collects under --gc-sections (as every rustc link has it). Plain clang's program
# loses the note; xport cc adds it back outside any group.
printf 'int main(void) { return 0; }\n' >hw.c
root=$XPORT_HOME/sysroots/x86_64-unknown-freebsd/root
step env -u LIBRARY_PATH clang -target x86_64-unknown-freebsd --sysroot "$root" -fuse-ld=lld \
  -Wl,--gc-sections hw.c -o hw-plain
expect_status 0 "$XPORT" inspect hw-plain
expect_not_contains "$OUT" "for FreeBSD" "plain clang's --gc-sections program"
step "$XPORT" cc --target x86_64-unknown-freebsd -Wl,--gc-sections hw.c -o hw-gc
expect_status 0 "$XPORT" inspect hw-gc
expect_contains "$OUT" "for FreeBSD 13.2"
expect_status 0 "$XPORT" check --target x86_64-unknown-freebsd --sysroot x86_64-unknown-freebsd hw-gc

write_counting_crate counter

cd counter
for target in x86_64-unknown-genode x86_64-unknown-freebsd; do
  started=$(date +%s.%N)
  out=$("$XPORT" cargo $target --rustc "$RUSTC_1_96" build --release 2>&1) ||
    { echo "$out"; fail "xport cargo $target build failed"; }
  echo "$out" | grep -E '^xport: (built|building)' || true
  echo "xport cargo $target build --release: $(elapsed_since "$started") s"
done
# A second build of the same target rebuilds neither std nor anything else.
started=$(date +%s.%N)
expect_status 0 "$XPORT" cargo x86_64-unknown-genode --rustc "$RUSTC_1_96" build --release
expect_not_contains "$OUT" "building the standard library"
expect_not_contains "$OUT" "Compiling"
echo "second build: $(elapsed_since "$started") s"

genode=target/xport-x86_64-unknown-genode/x86_64-unknown-genode/release/counter
freebsd=target/xport-x86_64-unknown-freebsd/x86_64-unknown-freebsd/release/counter

# The Genode build: FreeBSD's note, FreeBSD's real libraries, no thread-pointer read at all.
expect_status 0 "$XPORT" inspect "$genode"
expect_contains "$OUT" "OS/ABI FreeBSD, dynamically linked, interpreter /libexec/ld-elf.so.1, for FreeBSD 13.2"
needed=$(readelf -d "$genode" | grep NEEDED)
expect_contains "$needed" "[libc.so.7]"
expect_contains "$needed" "[libthr.so.3]"
[ "$(objdump -d --no-show-raw-insn "$genode" | grep -c '%fs:')" = 0 ] ||
  fail "objdump shows %fs reads in the Genode build"
expect_contains "$(nm "$genode")" " T __emutls_get_address" "the Genode build's symbols"
expect_status 0 "$XPORT" check --target x86_64-unknown-genode --sysroot x86_64-unknown-genode "$genode"
echo "$OUT"
expect_contains "$OUT" "(0 errors)"
expect_not_contains "$OUT" "[thread-pointer-read]"
expect_not_contains "$OUT" "[os-note-missing]"
expect_not_contains "$OUT" "[undefined-symbol]" "FreeBSD's real libc defines every import"
# What Goa's Rust notes warn of: std 1.96 calls pthread_getthreadid_np, which Genode's libc lacks.
expect_contains "$OUT" "warning [symbol-unavailable]: imports \`pthread_getthreadid_np\`"

# The FreeBSD build, checked for Genode: std's own thread-locals read %fs, one finding per function.
expect_status 1 "$XPORT" check --target x86_64-unknown-genode --sysroot x86_64-unknown-genode "$freebsd"
echo "$OUT" | head -12
expect_contains "$OUT" "[thread-pointer-read]: reads the thread pointer (%fs)"
expect_contains "$OUT" "the target's tls-model is emulated"
expect_contains "$OUT" "std::thread::current::"
expect_contains "$OUT" "std::rt::lang_start_internal"
expect_contains "$OUT" "counter::main"
expect_not_contains "$OUT" "[os-note-missing]"
# For FreeBSD itself that same binary is right.
expect_status 0 "$XPORT" check --target x86_64-unknown-freebsd --sysroot x86_64-unknown-freebsd "$freebsd"
echo "ok"
