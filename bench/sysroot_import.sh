#!/usr/bin/env bash
# Benchmark: `xport sysroot import` of a 460 MB OS-like ISO image (about 20 MB of it a sysroot)
# into a fresh store, against what a user would otherwise run: `bsdtar -xf IMAGE` (everything) and
# `bsdtar -xf IMAGE usr/include usr/lib usr/libexec lib` (the same subset, scripted by hand).
# xport's time includes hashing every file it writes, identifying the medium and writing the
# manifest. Prints medians of alternating runs and the load average.
# Goals: import / selective <= 1.1 and import / full <= 0.2.
# Then the fixed cost of an import: a 40 MB image of which xport keeps about 80 KB (40 headers, crt
# objects, libc and the dynamic linker), against the same selective bsdtar. Goal: <= 1.25.
# Usage: bench/sysroot_import.sh [XPORT] (default build/bin/xport); RUNS=N (default 7);
# KEEP_BENCH=1 keeps the folder with the image (for profiling).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
source "$here/bench/lib.sh"
XPORT=${1:-${XPORT:-$here/build/bin/xport}}
RUNS=${RUNS:-7}
for tool in xorriso bsdtar python3; do
  command -v $tool >/dev/null || { echo "bench needs $tool" >&2; exit 1; }
done
XPORT=$(realpath "$XPORT" 2>/dev/null || echo "$XPORT")
[ -x "$XPORT" ] || { echo "no xport binary at $XPORT (pass it as the first argument)" >&2; exit 1; }

# In memory (/dev/shm) when it can be: on a VM's disk, writeback of the previous run's 450 MB
# dominates and scatters every time; both tools write the same files, so memory compares their
# work. BENCH_DIR=folder to measure on a disk instead.
parent=${BENCH_DIR:-$( [ -w /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")}
B=$(mktemp -d "$parent/xport-bench.XXXXXX")
trap '[ -n "${KEEP_BENCH:-}" ] || rm -rf "$B"' EXIT
T=$B/tree

echo "making the image tree in $B ..."
python3 - "$T" "$B/small" <<'PY'
import os, sys, random
root = sys.argv[1]
rnd = random.Random(1)
chunk = rnd.randbytes(1 << 20)
def write(rel, size):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(rnd.randbytes(64))  # files differ from each other
        left = size - 64
        while left > 0:
            f.write(chunk[: min(left, len(chunk))])
            left -= len(chunk)
# The sysroot part, about 20 MB: 3000 headers, 100 libraries, crt objects, gcc's folder, libc and
# the dynamic linker.
for d in range(60):
    for h in range(50):
        write(f"usr/include/sub{d}/h{h}.h", rnd.randint(500, 3000))
for i in range(100):
    write(f"usr/lib/lib{i}.so.1", rnd.randint(50_000, 150_000))
    write(f"usr/lib/lib{i}.a", rnd.randint(10_000, 30_000))
    os.symlink(f"lib{i}.so.1", os.path.join(root, f"usr/lib/lib{i}.so"))
for crt in ["crt1.o", "crti.o", "crtn.o"]:
    write(f"usr/lib/{crt}", 2000)
for f in ["crtbegin.o", "crtend.o", "libgcc.a", "libstdc++.a"]:
    write(f"usr/lib/gcc80/{f}", 1_000_000)
write("lib/libc.so.8", 1_000_000)
write("usr/libexec/ld-elf.so.2", 200_000)
# The rest of an operating system, about 440 MB: kernel modules, programs, data.
for i in range(40):
    write(f"boot/kernel/mod{i}.ko", 2_500_000)
for i in range(300):
    write(f"usr/bin/prog{i}", rnd.randint(100_000, 600_000))
for i in range(5):
    write(f"usr/share/data/blob{i}.dat", 48_000_000)
# The small image: 80 KiB that xport keeps, 44 MB it does not.
root = sys.argv[2]
for h in range(40):
    write(f"usr/include/h{h}.h", 2000)
for crt in ["crt1.o", "crti.o", "crtn.o"]:
    write(f"usr/lib/{crt}", 1000)
write("lib/libc.so.8", 1000)
write("usr/libexec/ld-elf.so.2", 4000)
for i in range(200):
    write(f"usr/bin/prog{i}", 20000)
for i in range(20):
    write(f"usr/share/data/blob{i}.dat", 2_000_000)
PY
xorriso -as mkisofs -quiet -R -J -o $B/image.iso $T
image=$(stat -c %s $B/image.iso)
sysroot_part=$(du -sb $T/usr/include $T/usr/lib $T/lib $T/usr/libexec | awk '{s += $1} END {print s}')
rm -rf $T
echo "image: $((image / 1048576)) MiB, sysroot part: $((sysroot_part / 1048576)) MiB, in $B ($(df --output=fstype $B | tail -1))"

cd $B
# A second store holds the image imported once already, for the import beside another sysroot
# (the store then keeps one copy of each file: both sysroots' files are linked into its file area
# and the second's compared byte for byte with the first's).
before_each() {
  rm -rf $B/out $B/store $B/store2 && mkdir -p $B/out &&
    "$XPORT" sysroot import $B/image.iso --target x86_64-unknown-dragonfly --name first \
      --store $B/store2 >/dev/null && sync
}
# xport keeps the medium's digest by file identity: the first import of an image reads all of it
# (on a second thread), later ones take the digest from the cache. Both are measured.
export XDG_CACHE_HOME=$B/cache
run_import() {
  "$XPORT" sysroot import $B/image.iso --target x86_64-unknown-dragonfly --name bench \
    --store $B/store >/dev/null
}
run_first_import() {
  rm -rf $B/cache/xport/media-digests
  run_import
}
run_beside() {
  "$XPORT" sysroot import $B/image.iso --target x86_64-unknown-dragonfly --name bench \
    --store $B/store2 >/dev/null
}
run_full() { bsdtar -xf $B/image.iso -C $B/out; }
run_selective() { bsdtar -xf $B/image.iso -C $B/out usr/include usr/lib usr/libexec lib; }
load_before=$(load_average)
alternate_medians "$RUNS" run_import run_first_import run_beside run_full run_selective
load_after=$(load_average)

# The small image: every start-up cost shows (two processes, the catalog, the lock, the manifest).
xorriso -as mkisofs -quiet -R -J -o $B/small.iso $B/small
rm -rf $B/small
before_each() { rm -rf $B/out $B/store && mkdir -p $B/out; }
run_small_import() {
  "$XPORT" sysroot import $B/small.iso --target x86_64-unknown-dragonfly --name small \
    --store $B/store >/dev/null
}
run_small_selective() { bsdtar -xf $B/small.iso -C $B/out usr/include usr/lib usr/libexec lib; }
run_small_import # the medium's digest, cached from here on as for any medium seen before
alternate_medians "$((RUNS * 3))" run_small_import run_small_selective
before_each && run_small_import
small_taken=$(du -sb $B/store/sysroots/small/root | cut -f1)
small_image=$(stat -c %s $B/small.iso)
load_end=$(load_average)
before_each && run_import
taken=$(du -sb $B/store/sysroots/bench/root | cut -f1)
before_each && run_selective
selected=$(du -sb $B/out | cut -f1)

python3 - "$image" "$taken" "$selected" "${MEDIAN[run_import]}" "${MEDIAN[run_full]}" \
  "${MEDIAN[run_selective]}" "$RUNS" "${MEDIAN[run_first_import]}" "${MEDIAN[run_beside]}" \
  "$small_image" "$small_taken" "${MEDIAN[run_small_import]}" "${MEDIAN[run_small_selective]}" <<'PY'
import sys
image, taken, selected = map(int, sys.argv[1:4])
xport, full, sel = map(float, sys.argv[4:7])
runs = sys.argv[7]
first = float(sys.argv[8])
beside = float(sys.argv[9])
print(f"image {image / 2**20:.0f} MiB; xport kept {taken / 2**20:.1f} MiB, the selective bsdtar {selected / 2**20:.1f} MiB")
print(f"medians of {runs} alternating runs (each into a fresh store or folder):")
print(f"  xport sysroot import IMAGE                            {xport:.3f} s")
print(f"  the same, the image's first import (digest computed)  {first:.3f} s")
print(f"  the same, beside a sysroot of the same image (shared) {beside:.3f} s")
print(f"  bsdtar -xf IMAGE (everything)                         {full:.3f} s")
print(f"  bsdtar -xf IMAGE usr/include usr/lib usr/libexec lib  {sel:.3f} s")
print(f"import / selective = {xport / sel:.2f}  (goal <= 1.10: {'met' if xport / sel <= 1.10 else 'NOT met'})")
print(f"import / full      = {xport / full:.2f}  (goal <= 0.20: {'met' if xport / full <= 0.20 else 'NOT met'})")
print(f"first import / selective = {first / sel:.2f}, first import / full = {first / full:.2f}")
print(f"beside another / selective = {beside / sel:.2f}, beside another / full = {beside / full:.2f}")
small_image, small_taken = int(sys.argv[10]), int(sys.argv[11])
small, small_sel = float(sys.argv[12]), float(sys.argv[13])
print(f"small image {small_image / 2**20:.0f} MiB, xport kept {small_taken / 2**10:.0f} KiB; medians of {int(runs) * 3} alternating runs:")
print(f"  xport sysroot import SMALL                            {small:.4f} s")
print(f"  bsdtar -xf SMALL usr/include usr/lib usr/libexec lib  {small_sel:.4f} s")
print(f"small import / selective = {small / small_sel:.2f}  (goal <= 1.25: {'met' if small / small_sel <= 1.25 else 'NOT met'})")
PY
echo "load average before: $load_before; after the large image: $load_after; at the end: $load_end"
