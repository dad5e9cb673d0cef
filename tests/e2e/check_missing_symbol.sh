#!/usr/bin/env bash
# A program linked against a newer libc than the sysroot's: the symbol it needs is absent there,
# or present only with an older version. `xport check --sysroot` names the symbol, its version
# and the library it was expected from; with the newer libc in the sysroot the check passes.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/elf_fixtures.bash"
cd "$WORK"
make_stub_sysroot "$WORK/freebsd" x86_64-unknown-freebsd FreeBSD 1302000
mkdir newer
cat >newer/libc.c <<'C'
int printf(const char* f, ...) { return f != 0; }
void exit(int code) { for (;;) (void)code; }
int frobnicate(int x) { return x + 1; }
int tune(int x) { return x * 2; }
C
printf 'FBSD_1.0 { global: printf; exit; tune; local: *; };\nFBSD_1.7 { global: frobnicate; } FBSD_1.0;\n' >newer/libc.map
clang -target x86_64-unknown-freebsd -fPIC -shared -nostdlib -fuse-ld=lld -Wl,-soname,libc.so.7 \
  -Wl,--version-script=newer/libc.map newer/libc.c -o newer/libc.so.7
ln -s libc.so.7 newer/libc.so
printf 'int frobnicate(int);\nint tune(int);\nint main(void) { return frobnicate(1) + tune(2); }\n' >main.c
step clang -target x86_64-unknown-freebsd --sysroot="$WORK/freebsd" -fuse-ld=lld main.c -Lnewer -o prog

expect_status 1 "$XPORT" check --target x86_64-unknown-freebsd --sysroot "$WORK/freebsd" prog
echo "$OUT"
expect_contains "$OUT" "error [undefined-symbol]: refers to \`frobnicate\`@FBSD_1.7 (expected from libc.so.7), which none of its libraries in the sysroot defines"
expect_contains "$OUT" "error [undefined-symbol]: refers to \`tune\`@FBSD_1.0 (expected from libc.so.7)"

# The sysroot's libc defines frobnicate, but only in the older version set: still missing.
cat >older.c <<'C'
int printf(const char* f, ...) { return f != 0; }
void exit(int code) { for (;;) (void)code; }
int frobnicate(int x) { return x; }
int tune(int x) { return x; }
C
printf 'FBSD_1.0 { global: printf; exit; frobnicate; tune; local: *; };\n' >older.map
clang -target x86_64-unknown-freebsd -fPIC -shared -nostdlib -fuse-ld=lld -Wl,-soname,libc.so.7 \
  -Wl,--version-script=older.map older.c -o "$WORK/freebsd/usr/lib/libc.so.7"
expect_status 1 "$XPORT" check --target x86_64-unknown-freebsd --sysroot "$WORK/freebsd" prog
expect_contains "$OUT" "refers to \`frobnicate\`@FBSD_1.7 (expected from libc.so.7), but the sysroot's libraries define it only as version FBSD_1.0"
expect_not_contains "$OUT" "\`tune\`"

cp newer/libc.so.7 "$WORK/freebsd/usr/lib/libc.so.7"
expect_status 0 "$XPORT" check --target x86_64-unknown-freebsd --sysroot "$WORK/freebsd" prog
echo "ok"
