#!/usr/bin/env bash
# `xport sysroot add NAME --deb zlib1g-dev`: Debian's arm64 zlib, resolved with its dependencies and
# downloaded by apt-get under a private state in the store, layered onto a sysroot fetched from
# Debian's cross packages. apt is told what the sysroot holds (its libc), so only zlib1g and
# zlib1g-dev come; nothing on the machine changes. A program calling compress()/uncompress() then
# builds with xport cc, passes xport check, finds zlib through the target's pkg-config, and runs
# under qemu. apt's folder is shared with sysroot_fetch_debian through $XPORT_TEST_CACHE.
source "$(dirname "$0")/lib.sh"
command -v qemu-aarch64 >/dev/null || skip "qemu-aarch64 is not installed"
command -v apt-get >/dev/null || skip "apt-get is not installed"
export LIBRARY_PATH="${LIBRARY_PATH:-/usr/local/lib}" # as a user's shell has it: must not leak
T=aarch64-unknown-linux-gnu

source "$(dirname "$0")/fixtures/private_apt.sh"

got=0
OUT=$("$XPORT" sysroot fetch "$T" 2>&1) || got=$?
[ $got -eq 0 ] || { echo "$OUT"; skip_if_unreachable "$OUT"; fail "xport sysroot fetch $T exited $got"; }

cd "$WORK"
cat >z.c <<'C'
#include <stdio.h>
#include <string.h>
#include <zlib.h>
int main(void) {
  const char *text = "xport layers Debian's zlib onto a sysroot; xport layers it once.";
  unsigned char packed[256], unpacked[256];
  uLongf packed_len = sizeof packed, unpacked_len = sizeof unpacked;
  if (compress(packed, &packed_len, (const Bytef *)text, strlen(text) + 1) != Z_OK)
    return 1;
  if (uncompress(unpacked, &unpacked_len, packed, packed_len) != Z_OK)
    return 2;
  if (strcmp((const char *)unpacked, text) != 0)
    return 3;
  printf("zlib %s: %lu bytes -> %lu -> %lu, round trip ok\n", zlibVersion(),
         (unsigned long)(strlen(text) + 1), (unsigned long)packed_len, (unsigned long)unpacked_len);
  return 0;
}
C

step echo "without zlib in the sysroot the program does not build"
expect_status 1 "$XPORT" cc --target "$T" z.c -lz -o z
expect_contains "$OUT" "zlib.h"

step echo "sysroot add --deb: apt resolves zlib1g-dev for arm64; the sysroot's libc is not fetched"
got=0
OUT=$("$XPORT" sysroot add "$T" --deb zlib1g-dev 2>&1) || got=$?
echo "$OUT"
[ $got -eq 0 ] || { skip_if_unreachable "$OUT"; fail "xport sysroot add --deb exited $got"; }
expect_contains "$OUT" "zlib1g-dev:arm64 "
expect_contains "$OUT" "zlib1g:arm64 "
expect_contains "$OUT" "checked by apt"
expect_contains "$OUT" "(layer 2)"
for p in libc6 libc6-dev linux-libc-dev libgcc-s1; do
  expect_not_contains "$OUT" "apt-get: $p:arm64 " "the layer (the sysroot holds $p)"
done

step echo "the machine is unchanged: same sources, no foreign architecture, nothing installed"
expect_machine_unchanged

step echo "show lists the layer; verify covers it"
expect_status 0 "$XPORT" sysroot show "$T"
expect_contains "$OUT" "layers:"
expect_contains "$OUT" "zlib1g-dev_"
expect_contains "$OUT" "_arm64.deb"
expect_status 0 "$XPORT" sysroot verify "$T"
expect_contains "$OUT" "0 changed, 0 missing, 0 extra"

step echo "the program builds, checks clean and runs under qemu"
step "$XPORT" cc --target "$T" z.c -lz -o z
expect_status 0 "$XPORT" check --target "$T" z
expect_not_contains "$OUT" "needed-missing"
expect_not_contains "$OUT" "undefined-symbol"
expect_status 0 "$XPORT" run --target "$T" ./z
expect_contains "$OUT" "zlib 1.2.13"
expect_contains "$OUT" "round trip ok"

step echo "the target's pkg-config finds the layered zlib.pc, inside the sysroot"
step "$XPORT" toolchain install "$T" "$WORK/bin" >/dev/null
flags=$("$WORK/bin/$T-pkg-config" --cflags --libs zlib) || fail "$T-pkg-config does not find zlib"
expect_contains "$flags" "-lz" "pkg-config --libs zlib"
step "$WORK/bin/$T-cc" z.c $flags -o z-pc
expect_status 0 "$XPORT" run --target "$T" ./z-pc
expect_contains "$OUT" "round trip ok"

step echo "adding it again changes nothing"
expect_status 0 "$XPORT" sysroot add "$T" --deb zlib1g-dev:arm64
expect_contains "$OUT" "nothing to add"
expect_status 0 "$XPORT" sysroot show "$T" --json
layers=$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)["layers"]))' <<<"$OUT")
[ "$layers" = 2 ] || fail "the sysroot has $layers layers after a second add, expected 2"

step echo "another architecture's build, a package the archive lacks: refused, sysroot unchanged"
expect_status 2 "$XPORT" sysroot add "$T" --deb zlib1g-dev:amd64
expect_contains "$OUT" "zlib1g-dev:amd64"
expect_contains "$OUT" "arm64"
expect_status 1 "$XPORT" sysroot add "$T" --deb no-such-package-for-xport
expect_contains "$OUT" "no-such-package-for-xport:arm64"
expect_contains "$OUT" "apt-cache search"
expect_status 2 "$XPORT" sysroot add "$T" --deb 'Bad_Name'
expect_contains "$OUT" "not a Debian package name"
expect_status 0 "$XPORT" sysroot verify "$T"
expect_contains "$OUT" "0 changed, 0 missing, 0 extra"
echo "ok"
