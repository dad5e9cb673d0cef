# xport cc / c++ for aarch64 and riscv64 Linux, from sysroots imported from Debian's cross .debs:
# C and C++ hello worlds, dynamic (PIE, as Debian's gcc makes them) and -static, run under
# qemu-user and print their text. Runs with the machine's LIBRARY_PATH set, as a user's shell
# would. With XPORT_CLANG=14 (lld 14), riscv64's links are refused (its profile's min-lld is 15)
# and its objects compile.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fixtures/cross.sh"
command -v qemu-aarch64 >/dev/null || skip "qemu-user is not installed"
export LIBRARY_PATH="${LIBRARY_PATH:-/usr/local/lib}"
write_hello "$WORK/src"
cd "$WORK"
clang_major=$(chosen_clang_major)
[ -n "$clang_major" ] || fail "xport cc --print-command names no clang version"

for pair in arm64:aarch64-unknown-linux-gnu:aarch64:usr/aarch64-linux-gnu \
            riscv64:riscv64-unknown-linux-gnu:riscv64:usr/riscv64-linux-gnu; do
  IFS=: read -r deb_arch target qemu runtime <<<"$pair"
  root=$(debian_sysroot "$deb_arch" "$target")
  if [ "$qemu" = riscv64 ] && [ "$clang_major" -lt 15 ]; then
    step "$XPORT" cc --target "$target" -c src/hello.c -o hello-rv.o
    expect_status 1 "$XPORT" cc --target "$target" hello-rv.o -o hello-rv
    expect_contains "$OUT" "needs lld 15 or later to link" "riscv64 link with lld $clang_major"
    continue
  fi
  for mode in dynamic static; do
    flags=()
    [ "$mode" = static ] && flags=(-static)
    step "$XPORT" cc --target "$target" "${flags[@]}" src/hello.c -o "hello-c-$target-$mode"
    step "$XPORT" c++ --target "$target" "${flags[@]}" src/hello.cpp -o "hello-cxx-$target-$mode"
    out=$(qemu-"$qemu" -L "$root/$runtime" "./hello-c-$target-$mode")
    [ "$out" = "hello from C" ] || fail "$target $mode C program printed '$out'"
    out=$(qemu-"$qemu" -L "$root/$runtime" "./hello-cxx-$target-$mode")
    [ "$out" = "hello from C++" ] || fail "$target $mode C++ program printed '$out'"
  done
  info=$(file "hello-c-$target-static")
  expect_contains "$info" "statically linked" "file hello-c-$target-static"
  # PIE by default, as Debian's gcc builds (ET_DYN with an interpreter); -no-pie still wins.
  expect_contains "$(readelf -h "hello-c-$target-dynamic" | grep Type:)" "DYN" \
    "ELF type of hello-c-$target-dynamic (PIE)"
  expect_contains "$(readelf -h "hello-cxx-$target-dynamic" | grep Type:)" "DYN" \
    "ELF type of hello-cxx-$target-dynamic (PIE)"
  step "$XPORT" cc --target "$target" -no-pie src/hello.c -o "hello-c-$target-no-pie"
  expect_contains "$(readelf -h "hello-c-$target-no-pie" | grep Type:)" "EXEC" \
    "ELF type of hello-c-$target-no-pie"
  out=$(qemu-"$qemu" -L "$root/$runtime" "./hello-c-$target-no-pie")
  [ "$out" = "hello from C" ] || fail "$target -no-pie C program printed '$out'"
  info=$(readelf -l "hello-c-$target-dynamic")
  expect_contains "$info" "INTERP" "program headers of hello-c-$target-dynamic"
  expect_contains "$info" "$(
    case $qemu in aarch64) echo /lib/ld-linux-aarch64.so.1 ;; riscv64) echo /lib/ld-linux-riscv64-lp64d.so.1 ;; esac
  )" "interpreter of hello-c-$target-dynamic"
done

# Compile only, then link the objects: the same flags, in two steps.
step "$XPORT" cc --target aarch64-unknown-linux-gnu -c src/hello.c -o hello.o
step "$XPORT" cc --target aarch64-unknown-linux-gnu hello.o -o hello-two-steps
out=$(qemu-aarch64 -L "$XPORT_HOME/sysroots/aarch64-unknown-linux-gnu/root/usr/aarch64-linux-gnu" ./hello-two-steps)
[ "$out" = "hello from C" ] || fail "two-step build printed '$out'"

# Emulated TLS on aarch64: the sysroot's libgcc_eh.a provides __emutls_get_address.
write_tls_program tls.c
mkdir -p profiles
cat >profiles/aarch64-emutls.toml <<'TOML'
name = "aarch64-linux-gnu-emutls"
inherits = "aarch64-unknown-linux-gnu"
description = "aarch64 glibc with TLS emulated"
tls-model = "emulated"
TOML
emulated=(--target aarch64-linux-gnu-emutls --profile profiles/aarch64-emutls.toml
  --sysroot aarch64-unknown-linux-gnu)
printed=$("$XPORT" cc "${emulated[@]}" --print-command tls.c -o tls-a64)
expect_contains "$printed" "gcc-cross/aarch64-linux-gnu/12/libgcc_eh.a" "emulated-TLS link on aarch64"
step "$XPORT" cc "${emulated[@]}" tls.c -o tls-a64
out=$(qemu-aarch64 -L "$XPORT_HOME/sysroots/aarch64-unknown-linux-gnu/root/usr/aarch64-linux-gnu" ./tls-a64)
[ "$out" = "threads 1005 1005 1005 1005 main 6" ] || fail "aarch64 emulated-TLS program printed '$out'"
grep -qi 'tpidr_el0' <<<"$(llvm-objdump-14 -d --disassemble-symbols=work tls-a64)" &&
  fail "aarch64 work() reads TPIDR_EL0 when TLS is emulated"
step "$XPORT" cc --target aarch64-unknown-linux-gnu tls.c -o tls-a64-native
grep -qi 'tpidr_el0' <<<"$(llvm-objdump-14 -d --disassemble-symbols=work tls-a64-native)" ||
  fail "aarch64 native work() does not read TPIDR_EL0 (the check is blind)"
echo "PASS: aarch64 and riscv64 C/C++, PIE, -no-pie and static, run under qemu; emulated TLS on aarch64"
