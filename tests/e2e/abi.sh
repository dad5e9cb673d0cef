# xport abi on real headers: FreeBSD 13.2's base.txz and DragonFly's /usr/include (the real media),
# and Debian's glibc for x86_64, aarch64 and armhf. Layouts and constants as clang computes them for each
# target; the diff that shows DragonFly's struct stat is not FreeBSD's; errors with "did you mean";
# bindgen with the target's flags.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fixtures/cross.sh"
freebsd=$(real_media freebsd-13.2-amd64-base.txz)
dragonfly=$(real_media dragonfly-5.9-x86_64-include.tar.xz)
step "$XPORT" sysroot import "$freebsd" --target x86_64-unknown-freebsd
step "$XPORT" sysroot import "$dragonfly" --target x86_64-unknown-dragonfly

out=$("$XPORT" abi dump --target x86_64-unknown-freebsd stat dirent kevent EAGAIN O_CLOEXEC)
expect_contains "$out" "struct stat (sys/stat.h:" "FreeBSD struct stat"
expect_contains "$out" "size 224, align 8" "FreeBSD struct stat's size"
expect_contains "$out" "struct dirent (sys/dirent.h:" "FreeBSD struct dirent"
expect_contains "$out" "struct kevent (sys/event.h:" "FreeBSD struct kevent"
expect_contains "$out" "ext (__uint64_t[4]" "FreeBSD 12+ kevent's ext field"
expect_contains "$out" "const EAGAIN = 35 (sys/errno.h:" "FreeBSD EAGAIN"
expect_contains "$out" "const O_CLOEXEC = 1048576 (fcntl.h:" "FreeBSD O_CLOEXEC"
# Headers that do not compile for the target are listed with clang's reason, not dropped.
expect_contains "$out" "# left out FlexLexer.h:" "a C++ header in FreeBSD's include folder"

json=$("$XPORT" abi dump --target x86_64-unknown-dragonfly --json --only struct stat)
size=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["records"]["stat"]["size"])' <<<"$json")
[ "$size" = 128 ] || fail "DragonFly's struct stat is $size bytes in the JSON, not 128"
out=$("$XPORT" abi dump --target x86_64-unknown-dragonfly sys/types.h sys/event.h errno.h fcntl.h kevent EAGAIN O_CLOEXEC)
expect_contains "$out" "struct kevent (sys/event.h:" "DragonFly struct kevent"
expect_contains "$out" "const EAGAIN = 35" "DragonFly EAGAIN"
expect_contains "$out" "const O_CLOEXEC = 131072" "DragonFly O_CLOEXEC"

# The seed's problem at a glance: every field of struct stat moved, and the exit status gates a port.
expect_status 1 "$XPORT" abi diff x86_64-unknown-freebsd x86_64-unknown-dragonfly --only struct stat
out=$("$XPORT" abi diff x86_64-unknown-freebsd x86_64-unknown-dragonfly --only struct stat || true)
expect_contains "$out" "struct stat: size 224 vs 128" "diff of struct stat"
expect_contains "$out" "! st_ino            @8 8 unsigned long         @0 8 unsigned long" "st_ino row"
expect_contains "$out" "! st_birthtim       @96 16 struct timespec     -" "FreeBSD-only field"
expect_status 0 "$XPORT" abi diff x86_64-unknown-freebsd x86_64-unknown-dragonfly --only const EAGAIN
out=$("$XPORT" abi diff x86_64-unknown-freebsd x86_64-unknown-dragonfly --only const O_CLOEXEC || true)
expect_contains "$out" "O_CLOEXEC: 1048576 vs 131072" "diff of O_CLOEXEC"

# Unknown names and kinds: usage errors that help.
expect_status 2 "$XPORT" abi dump --target x86_64-unknown-freebsd stta
err=$("$XPORT" abi dump --target x86_64-unknown-freebsd stta 2>&1 || true)
expect_contains "$err" "did you mean 'stat'" "did you mean for a struct name"
err=$("$XPORT" abi dump --target x86_64-unknown-freebsd --only structs stat 2>&1 || true)
expect_contains "$err" "--only structs: not a kind" "unknown --only"
# A header that does not exist is named with clang's error and the sysroot.
err=$("$XPORT" abi dump --target x86_64-unknown-freebsd no/such.h 2>&1 || true)
expect_contains "$err" "no/such.h" "a missing header"

# glibc: aarch64 and armhf (32-bit: time_t, long and struct stat differ) against x86_64, each
# from Debian's packages.
debian_sysroot arm64 aarch64-unknown-linux-gnu >/dev/null
debian_sysroot armhf armv7-unknown-linux-gnueabihf >/dev/null
fetch_debs "$WORK/debs-amd64" libc6 libc6-dev linux-libc-dev
step "$XPORT" sysroot import "$WORK"/debs-amd64/*.deb --target x86_64-unknown-linux-gnu
out=$("$XPORT" abi dump --target aarch64-unknown-linux-gnu stat EAGAIN)
expect_contains "$out" "struct stat (bits/struct_stat.h:" "aarch64 glibc struct stat"
expect_contains "$out" "size 128, align 8" "aarch64 glibc struct stat's size"
expect_contains "$out" "const EAGAIN = 11" "aarch64 glibc EAGAIN"
out=$("$XPORT" abi dump --target x86_64-unknown-linux-gnu stat)
expect_contains "$out" "bits/struct_stat.h:" "x86_64 glibc struct stat"
expect_contains "$out" "size 144, align 8" "x86_64 glibc struct stat's size"
out=$("$XPORT" abi diff x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu --only struct stat || true)
expect_contains "$out" "struct stat: size 144 vs 128" "x86_64 vs aarch64 struct stat"
expect_contains "$out" "! st_nlink" "x86_64 vs aarch64: st_nlink moved"
out=$("$XPORT" abi diff x86_64-unknown-linux-gnu armv7-unknown-linux-gnueabihf --only struct --only type stat time_t || true)
expect_contains "$out" "struct stat: size 144 vs 88" "x86_64 vs armhf struct stat"
expect_contains "$out" "typedef time_t: long (size 8) vs long (size 4)" "x86_64 vs armhf time_t"
expect_status 0 "$XPORT" abi diff x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu --only const EAGAIN ENOENT

# bindgen with the target's flags: Rust declarations from FreeBSD's own sys/event.h.
if command -v bindgen >/dev/null; then
  out=$("$XPORT" abi bindgen --target x86_64-unknown-freebsd sys/types.h sys/event.h -- --allowlist-type kevent)
  expect_contains "$out" "pub struct kevent" "bindgen's kevent"
  expect_contains "$out" "pub ext: [__uint64_t; 4usize]" "bindgen's kevent.ext"
else
  skip "bindgen is not installed (apt-get install bindgen)"
fi
