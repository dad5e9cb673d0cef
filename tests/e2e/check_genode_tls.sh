#!/usr/bin/env bash
# The Genode crash, reproduced in C: a program with thread-locals built for x86_64-unknown-freebsd
# reads them through %fs; Genode provides no TLS area there. `xport check --target
# x86_64-unknown-genode` must name every function that reads %fs (one finding per function) and
# exit 1, and pass the same program built with -femulated-tls. Then the same for AArch64
# (mrs TPIDR_EL0) and RISC-V (tp) objects, native against emulated TLS.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/elf_fixtures.bash"
cd "$WORK"

make_stub_sysroot "$WORK/freebsd" x86_64-unknown-freebsd FreeBSD 1302000
write_tls_program tls.c
cc=(clang -target x86_64-unknown-freebsd --sysroot="$WORK/freebsd" -fuse-ld=lld -O1)
step "${cc[@]}" tls.c -o tls-native
step "${cc[@]}" -femulated-tls tls.c -o tls-emulated

expect_status 1 "$XPORT" check --target x86_64-unknown-genode --sysroot "$WORK/freebsd" tls-native
echo "$OUT"
# Every function objdump shows reading %fs must be named, once.
functions=$(objdump -d --no-show-raw-insn tls-native |
  awk '/^[0-9a-f]+ <.*>:$/ {f=$2; gsub(/[<>:]/, "", f)} /%fs:/ {print f}' | sort -u)
[ -n "$functions" ] || fail "the native build has no %fs reads: the fixture is wrong"
for f in $functions; do
  expect_contains "$OUT" "reads the thread pointer (%fs) at 0x"
  n=$(grep -c "\[thread-pointer-read\]: reads the thread pointer (%fs) at 0x[0-9a-f, x]* in \`$f\`; the target's tls-model is emulated and it provides no TLS area through FS" <<<"$OUT" || true)
  [ "$n" = 1 ] || fail "expected one thread-pointer finding for $f, got $n"
done
expect_contains "$OUT" "[tls-segment]"

expect_status 0 "$XPORT" check --target x86_64-unknown-genode --sysroot "$WORK/freebsd" tls-emulated
expect_contains "$OUT" "0 findings (0 errors) for x86_64-unknown-genode"
# FreeBSD itself has native TLS: the native build is fine there.
expect_status 0 "$XPORT" check --target x86_64-unknown-freebsd --sysroot "$WORK/freebsd" tls-native

# JSON: the same findings, machine-readable, with demangled symbol and addresses.
expect_status 1 "$XPORT" check --target x86_64-unknown-genode --only thread-pointer-read --json tls-native
python3 - "$OUT" <<'PY' || fail "bad --json output"
import json, sys
out = json.loads(sys.argv[1])
assert out["errors"] >= 2, out
assert all(f["code"] == "thread-pointer-read" and f["addresses"] and f["symbol"] for f in out["findings"]), out
PY

# AArch64 and RISC-V: objects (no link needed) with native and emulated TLS, against profiles that
# say "this OS, except tls-model = emulated".
mkdir -p profiles
cat >profiles/aarch64-emulated.toml <<'TOML'
name = "aarch64-unknown-freebsd-emutls"
inherits = "aarch64-unknown-freebsd"
description = "FreeBSD on AArch64 without a usable TPIDR_EL0 (test profile)"
tls-model = "emulated"
TOML
cat >profiles/riscv64-emulated.toml <<'TOML'
name = "riscv64-unknown-linux-emutls"
inherits = "riscv64-unknown-linux-gnu"
description = "Linux on RISC-V 64 without a usable tp (test profile)"
tls-model = "emulated"
TOML
for spec in "aarch64-unknown-freebsd aarch64-unknown-freebsd-emutls aarch64-emulated TPIDR_EL0" \
  "riscv64-unknown-linux-gnu riscv64-unknown-linux-emutls riscv64-emulated tp"; do
  read -r triple target profile register <<<"$spec"
  step clang -target "$triple" -O1 -c tls.c -o "tls-$triple-native.o"
  if [ "$triple" = riscv64-unknown-linux-gnu ]; then
    # clang 14 ignores -femulated-tls on RISC-V (LLVM lowers RISC-V TLS through emutls only from
    # release 17 on), so this variant is written the way -femulated-tls lowers the program.
    write_emulated_tls_program tls-emulated.c
    step clang -target "$triple" -O1 -c tls-emulated.c -o "tls-$triple-emulated.o"
  else
    step clang -target "$triple" -O1 -femulated-tls -c tls.c -o "tls-$triple-emulated.o"
  fi
  expect_status 1 "$XPORT" check --profile "profiles/$profile.toml" --target "$target" \
    "tls-$triple-native.o"
  echo "$OUT"
  for f in bump_counter remember; do
    expect_contains "$OUT" "reads the thread pointer ($register) at 0x"
    expect_contains "$OUT" "in \`$f\`; the target's tls-model is emulated"
  done
  expect_contains "$OUT" "[tls-relocation]"
  expect_status 0 "$XPORT" check --profile "profiles/$profile.toml" --target "$target" \
    "tls-$triple-emulated.o"
  expect_status 0 "$XPORT" check --target "$triple" "tls-$triple-native.o"
done
echo "ok"
