#!/usr/bin/env bash
# Benchmark: `xport sysroot import` of an OS-like ISO image (>= 1 GB, about a tenth of it the
# sysroot part) against what a user would otherwise run: `bsdtar -xf IMAGE` (the whole image) and
# `bsdtar -xf IMAGE usr/include usr/lib lib` (a scripted selective extraction). xport's time
# includes hashing every file it writes, hashing the medium and writing the manifest.
# Goals: at least (size ratio / 2) times faster than the full extraction, and no slower than 1.1x
# the selective one. Usage: bench/sysroot_import.sh [XPORT] (default build/bin/xport).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
XPORT=${1:-${XPORT:-$here/build/bin/xport}}
RUNS=${RUNS:-5}
for tool in xorriso bsdtar python3; do
  command -v $tool >/dev/null || { echo "bench needs $tool" >&2; exit 1; }
done
XPORT=$(realpath "$XPORT" 2>/dev/null || echo "$XPORT")
[ -x "$XPORT" ] || { echo "no xport binary at $XPORT (pass it as the first argument)" >&2; exit 1; }

B=$(mktemp -d "${TMPDIR:-/tmp}/xport-bench.XXXXXX")
trap 'rm -rf "$B"' EXIT
T=$B/tree

echo "making the image tree in $B ..."
# The sysroot part: ~3000 headers, ~200 libraries, crt objects, gcc's folder, the dynamic linker.
python3 - "$T" <<'PY'
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
for d in range(60):
    for h in range(50):
        write(f"usr/include/sub{d}/h{h}.h", rnd.randint(1000, 8000))
for i in range(200):
    write(f"usr/lib/lib{i}.so.1", rnd.randint(100_000, 700_000))
    write(f"usr/lib/lib{i}.a", rnd.randint(50_000, 150_000))
    os.symlink(f"lib{i}.so.1", os.path.join(root, f"usr/lib/lib{i}.so"))
for crt in ["crt1.o", "crti.o", "crtn.o"]:
    write(f"usr/lib/{crt}", 2000)
for f in ["crtbegin.o", "crtend.o", "libgcc.a", "libstdc++.a"]:
    write(f"usr/lib/gcc80/{f}", 3_000_000)
write("lib/libc.so.8", 2_000_000)
write("usr/libexec/ld-elf.so.2", 200_000)
# The rest of an operating system: kernel, programs, data (not part of a sysroot).
for i in range(40):
    write(f"boot/kernel/mod{i}.ko", 2_500_000)
for i in range(300):
    write(f"usr/bin/prog{i}", rnd.randint(100_000, 600_000))
for i in range(16):
    write(f"usr/share/data/blob{i}.dat", 48_000_000)
PY
xorriso -as mkisofs -quiet -R -J -o $B/image.iso $T
image=$(stat -c %s $B/image.iso)
sysroot_part=$(du -sb $T/usr/include $T/usr/lib $T/lib $T/usr/libexec | awk '{s += $1} END {print s}')
rm -rf $T
echo "image: $((image / 1048576)) MiB, sysroot part: $((sysroot_part / 1048576)) MiB"

# Best of RUNS, each from a clean output folder, with the image in the page cache (warm-up run).
time_best() {
  local best="" t
  for i in $(seq 0 $RUNS); do
    rm -rf $B/out $B/store && mkdir -p $B/out
    /usr/bin/time -f %e -o $B/time.txt "$@" >/dev/null 2>$B/err.txt || { cat $B/err.txt >&2; exit 1; }
    t=$(tail -1 $B/time.txt)
    [ $i -eq 0 ] && continue # warm-up
    best=$(python3 -c "print(min(float('$t'), float('${best:-1e9}')))")
  done
  echo $best
}
cd $B
xport_t=$(time_best $XPORT sysroot import $B/image.iso --target x86_64-unknown-dragonfly --name bench --store $B/store)
full_t=$(time_best bsdtar -xf $B/image.iso -C $B/out)
sel_t=$(time_best bsdtar -xf $B/image.iso -C $B/out usr/include usr/lib lib)
$XPORT sysroot import $B/image.iso --target x86_64-unknown-dragonfly --name bench --store $B/store >/dev/null
taken=$(du -sb $B/store/sysroots/bench/root | cut -f1)

python3 - "$image" "$sysroot_part" "$taken" "$xport_t" "$full_t" "$sel_t" <<'PY'
import sys
image, part, taken = map(int, sys.argv[1:4])
xport, full, sel = map(float, sys.argv[4:7])
ratio = image / part
print(f"sysroot taken by xport: {taken / 2**20:.0f} MiB of a {image / 2**20:.0f} MiB image (size ratio {ratio:.1f})")
print(f"xport sysroot import (hashes + manifest): {xport:.2f} s")
print(f"bsdtar -xf IMAGE (whole):                 {full:.2f} s")
print(f"bsdtar -xf IMAGE usr/include usr/lib lib: {sel:.2f} s")
print(f"full / xport      = {full / xport:.2f}x  (goal >= {ratio / 2:.1f}x: {'met' if full / xport >= ratio / 2 else 'NOT met'})")
print(f"xport / selective = {xport / sel:.2f}x  (goal <= 1.10x: {'met' if xport / sel <= 1.10 else 'NOT met'})")
PY
