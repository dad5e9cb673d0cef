#!/usr/bin/env bash
# `xport rust sysroot` with Debian's rustc 1.96 (rustc-web) and its rust-web-src: core,
# compiler_builtins (the library's own, library/compiler-builtins) and alloc built with rustc alone
# for a derived x86_64 Linux profile with emulated TLS; a no_std + alloc program built against that sysroot and linked by `xport cc`
# (the spec's linker) runs and prints its result. The sysroot is cached across runs.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/rust_lib.bash"
cd "$WORK"
require_vendored_rust
write_nofs_profile
# The host (Debian 12, x86_64, glibc) is the C sysroot the program links against: `--sysroot /`
# goes into the linker wrapper as xport cc's --sysroot.

start=$(date +%s)
echo "\$ xport rust sysroot x86_64-linux-nofs --rustc $RUSTC_1_96 --sysroot /"
"$XPORT" rust sysroot x86_64-linux-nofs --rustc "$RUSTC_1_96" --sysroot / >sysroot.txt 2>sysroot.err ||
  { cat sysroot.err; fail "xport rust sysroot failed"; }
cat sysroot.err
echo "xport rust sysroot took $(($(date +%s) - start)) s"
sysroot=$(cat sysroot.txt)
expect_contains "$(cat "$sysroot/x86_64-linux-nofs.json")" '"tls-model": "emulated"'
for crate in core compiler_builtins alloc; do
  ls "$sysroot"/lib/rustlib/x86_64-linux-nofs/lib/lib${crate}-*.rlib >/dev/null ||
    fail "no lib$crate rlib in $sysroot"
done
expect_contains "$(cat "$sysroot/xport-sysroot.json")" "library/compiler-builtins/compiler-builtins"

# Unchanged toolchain and profile: nothing is rebuilt.
expect_status 0 "$XPORT" rust sysroot x86_64-linux-nofs --rustc "$RUSTC_1_96" --sysroot /
expect_contains "$OUT" "is up to date"

cat >sum.rs <<'RS'
#![no_std]
#![no_main]
extern crate alloc;
use alloc::{format, string::String, vec::Vec};
use core::alloc::{GlobalAlloc, Layout};

#[link(name = "c")]
extern "C" {
    fn malloc(size: usize) -> *mut u8;
    fn free(p: *mut u8);
    fn write(fd: i32, buf: *const u8, n: usize) -> isize;
    fn abort() -> !;
}

struct Libc;
unsafe impl GlobalAlloc for Libc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 { malloc(layout.size()) }
    unsafe fn dealloc(&self, p: *mut u8, _: Layout) { free(p) }
}
#[global_allocator]
static ALLOCATOR: Libc = Libc;

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! { unsafe { abort() } }

#[no_mangle]
pub extern "C" fn main(_argc: i32, _argv: *const *const u8) -> i32 {
    let squares: Vec<u64> = (1..=10).map(|i| i * i).collect();
    let line: String = format!("sum of squares 1..10 = {}\n", squares.iter().sum::<u64>());
    unsafe { write(1, line.as_ptr(), line.len()) };
    0
}
RS
export RUSTC_BOOTSTRAP=1 # a JSON target is unstable
step "$RUSTC_1_96" -Z unstable-options --edition 2021 -O -C panic=abort --sysroot "$sysroot" \
  --target "$sysroot/x86_64-linux-nofs.json" sum.rs -o sum
file sum
expect_contains "$(./sum)" "sum of squares 1..10 = 385"
echo "ok"
