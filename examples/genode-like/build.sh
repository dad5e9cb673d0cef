#!/usr/bin/env bash
# Builds the Genode-like example runtime into a sysroot folder that the profile
# x86_64-genode-like.toml describes:
#
#   OUT/usr/include/  stdio.h stdlib.h string.h unistd.h
#   OUT/usr/lib/crt1.o the start file (no thread pointer is ever set up)
#   OUT/usr/lib/crti.o crtn.o crtbeginT.o crtend.o  empty: no .init/.fini or constructor lists
#   OUT/usr/lib/libc.a write/exit, memcpy/memset/strlen, printf/puts
#   OUT/usr/lib/libgcc.a    __emutls_get_address, where GCC's compiler support library keeps it
#   OUT/usr/lib/libgcc_eh.a empty: no unwinder (C programs need none)
#
# The names and folders are the ones clang's Linux driver links for `-static` (crt1.o crti.o ...
# -lgcc -lgcc_eh -lc ... crtn.o from usr/lib), as a libc port for a new OS provides them, so `xport cc` needs no
# special flags for this runtime.
#
# usage: examples/genode-like/build.sh [OUT]   (default: examples/genode-like/sysroot)
# Then:  xport cc --profile examples/genode-like/x86_64-genode-like.toml \
#          --target x86_64-genode-like --sysroot OUT tls_counter.c -o tls_counter
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/sysroot}
cc=${CC:-clang}

# Freestanding: the runtime is the C library, so nothing of the host's may leak in; no stack
# protector, because its canary lives at %fs:0x28 and there is no %fs here.
cflags=(-target x86_64-unknown-linux-gnu -O2 -ffreestanding -nostdlibinc -fno-stack-protector
        -fno-pic -fno-asynchronous-unwind-tables -Wall -Wextra -I "$here/runtime/include")

mkdir -p "$out/usr/include" "$out/usr/lib"
objects=$(mktemp -d)
trap 'rm -rf "$objects"' EXIT
cp "$here"/runtime/include/*.h "$out/usr/include/"
"$cc" "${cflags[@]}" -c "$here/runtime/crt1.S" -o "$out/usr/lib/crt1.o"
for empty in crti crtn crtbeginT crtend; do
  echo '.section .note.GNU-stack, "", @progbits' | "$cc" -target x86_64-unknown-linux-gnu -x assembler -c - -o "$out/usr/lib/$empty.o"
done
for unit in start syscall string printf emutls; do
  "$cc" "${cflags[@]}" -c "$here/runtime/$unit.c" -o "$objects/$unit.o"
done
rm -f "$out"/usr/lib/lib{c,gcc,gcc_eh}.a
llvm-ar rcs "$out/usr/lib/libc.a" "$objects"/{start,syscall,string,printf}.o
llvm-ar rcs "$out/usr/lib/libgcc.a" "$objects/emutls.o"
llvm-ar rcs "$out/usr/lib/libgcc_eh.a"
echo "genode-like runtime: $out (usr/lib: crt*.o libc.a libgcc.a libgcc_eh.a; usr/include)"
