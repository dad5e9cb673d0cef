#!/usr/bin/env bash
# A FreeBSD program linked with Linux's dynamic linker path (a mistake an ad-hoc cross link
# makes): `xport check` names the interpreter it has and the one the target loads programs with.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/elf_fixtures.bash"
cd "$WORK"
make_stub_sysroot "$WORK/freebsd" x86_64-unknown-freebsd FreeBSD 1302000
printf 'int main(void) { return 0; }\n' >main.c
cc=(clang -target x86_64-unknown-freebsd --sysroot="$WORK/freebsd" -fuse-ld=lld main.c)
step "${cc[@]}" -Wl,--dynamic-linker=/lib64/ld-linux-x86-64.so.2 -o wrong
step "${cc[@]}" -o right

expect_status 1 "$XPORT" check --target x86_64-unknown-freebsd wrong
echo "$OUT"
expect_contains "$OUT" "wrong: error [interpreter-mismatch]: asks for the dynamic linker /lib64/ld-linux-x86-64.so.2, but x86_64-unknown-freebsd loads programs with /libexec/ld-elf.so.1"
expect_contains "$OUT" "-Wl,--dynamic-linker=/libexec/ld-elf.so.1"
expect_status 0 "$XPORT" check --target x86_64-unknown-freebsd right
echo "ok"
