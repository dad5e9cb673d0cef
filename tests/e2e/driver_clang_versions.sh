# Which clang and lld xport cc runs: the newest clang-N in PATH with its own lld by default,
# --clang VERSION|PATH or XPORT_CLANG otherwise, named in --print-command's first line. A profile's
# min-lld (riscv64: 15) and min-clang (emulated TLS on RISC-V: 17) make an older toolchain an error
# that names both versions and the remedy; the newer one builds programs that run under qemu. The
# emulated-TLS runtime xport compiles is built by the chosen clang and cached per clang version.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fixtures/cross.sh"
export LIBRARY_PATH="${LIBRARY_PATH:-/usr/local/lib}"
unset XPORT_CLANG
for v in 14 19; do
  command -v "clang-$v" >/dev/null && command -v "ld.lld-$v" >/dev/null ||
    fail "clang-$v and lld-$v are not installed (scripts/install-deps.sh installs them)"
done
cd "$WORK"
write_hello src
write_tls_program tls.c
bash "$XPORT_SOURCE_DIR/tests/e2e/fixtures/make_stub_sysroot.sh" freebsd "$WORK/freebsd" >/dev/null
fbsd=(--target x86_64-unknown-freebsd --sysroot "$WORK/freebsd")

# The default: the newest clang-N in PATH whose /usr/lib/llvm-N/bin has ld.lld.
newest=$(compgen -c clang- | sed -n 's/^clang-\([0-9][0-9]*\)$/\1/p' | sort -n | uniq |
  while read -r v; do [ -x "/usr/lib/llvm-$v/bin/ld.lld" ] && echo "$v"; done | tail -n1)
[ "$newest" -ge 19 ] || fail "the newest clang with its lld is $newest, expected 19 or later"
printed=$("$XPORT" cc "${fbsd[@]}" --print-command src/hello.c -o hello)
echo "$printed"
first=$(head -n1 <<<"$printed")
expect_contains "$first" "# clang $newest ($(command -v "clang-$newest"))" "first line"
expect_contains "$first" "ld.lld $newest (/usr/lib/llvm-$newest/bin/ld.lld)" "first line"
expect_contains "$first" "the newest clang-N in PATH with its lld" "first line"
expect_contains "$(sed -n 2p <<<"$printed")" "$(command -v "clang-$newest") -target" "the command"
eval "$printed" || fail "the printed command (with its comment line) does not run"
expect_contains "$(llvm-readelf-14 -p .comment hello)" "clang version $newest." "hello's .comment"

# --clang by version or path, XPORT_CLANG, and --clang winning over XPORT_CLANG.
first=$("$XPORT" cc "${fbsd[@]}" --clang 14 --print-command src/hello.c | head -n1)
expect_contains "$first" "# clang 14 ($(command -v clang-14)), ld.lld 14" "--clang 14"
expect_contains "$first" "chosen by --clang/XPORT_CLANG=14" "--clang 14"
first=$(XPORT_CLANG=/usr/lib/llvm-16/bin/clang "$XPORT" cc "${fbsd[@]}" --print-command src/hello.c | head -n1)
expect_contains "$first" "# clang 16 (/usr/lib/llvm-16/bin/clang), ld.lld 16" "XPORT_CLANG=path"
first=$(XPORT_CLANG=16 "$XPORT" c++ "${fbsd[@]}" --clang 15 --print-command src/hello.cpp | head -n1)
expect_contains "$first" "# clang 15 ($(command -v clang-15))" "--clang over XPORT_CLANG"
XPORT_VERBOSE=1 step "$XPORT" cc "${fbsd[@]}" --clang 14 src/hello.c -o hello14 2>verbose.txt ||
  { cat verbose.txt; fail "the clang 14 build failed"; }
expect_contains "$(head -n1 verbose.txt)" "# clang 14" "XPORT_VERBOSE"
expect_contains "$(llvm-readelf-14 -p .comment hello14)" "clang version 14." "hello14's .comment"
expect_status 1 "$XPORT" cc "${fbsd[@]}" --clang 13 src/hello.c -o x
expect_contains "$OUT" "asks for clang 13, but clang-13 is not in PATH (installed: " "--clang 13"
expect_contains "$OUT" "apt-get install clang-13 lld-13" "--clang 13"

# riscv64 links with lld 15 or later (lld 14 cannot relax R_RISCV_ALIGN): clang 14 compiles, its
# lld is refused before clang runs, and the newer one links the object; it runs under qemu.
root=$(debian_sysroot riscv64 riscv64-unknown-linux-gnu)
rv=(--target riscv64-unknown-linux-gnu)
step "$XPORT" cc "${rv[@]}" --clang 14 -c src/hello.c -o hello-rv.o
expect_status 1 "$XPORT" cc "${rv[@]}" --clang 14 hello-rv.o -o hello-rv
expect_contains "$OUT" "target riscv64-unknown-linux-gnu needs lld 15 or later to link (profile key min-lld: lld before 15 cannot relax R_RISCV_ALIGN" "lld 14 for riscv64"
expect_contains "$OUT" "runs ld.lld 14 (/usr/lib/llvm-14/bin/ld.lld); select clang $newest (with lld $newest) with '--clang $newest'" "lld 14 for riscv64"
[ ! -e hello-rv ] || fail "a refused link left a program"
step "$XPORT" cc "${rv[@]}" hello-rv.o -o hello-rv
step "$XPORT" c++ "${rv[@]}" --clang 15 src/hello.cpp -o hello-rv-cxx
[ "$(qemu-riscv64 -L "$root/usr/riscv64-linux-gnu" ./hello-rv)" = "hello from C" ] || fail "riscv64 C program"
[ "$(qemu-riscv64 -L "$root/usr/riscv64-linux-gnu" ./hello-rv-cxx)" = "hello from C++" ] || fail "riscv64 C++ program (lld 15)"

# Emulated TLS on RISC-V needs clang 17: clang 14 ignores -femulated-tls there and reads tp.
echo '_Thread_local int c; int f(void) { return c; }' >tls-bare.c
asm14=$(clang-14 --target=riscv64-linux-gnu -femulated-tls -O1 -S tls-bare.c -o -)
grep -q 'tprel' <<<"$asm14" || fail "clang 14's RISC-V code for a TLS read has no tprel: $asm14"
grep -q '__emutls_get_address' <<<"$asm14" &&
  fail "clang 14 honours -femulated-tls on RISC-V now: the profile's min-clang is obsolete"
mkdir -p profiles
cat >profiles/rv-emutls.toml <<'TOML'
name = "riscv64-linux-gnu-emutls"
inherits = "riscv64-unknown-linux-gnu"
description = "riscv64 glibc with TLS emulated"
tls-model = "emulated"

[min-clang]
version = 17
reason = "clang before 17 ignores -femulated-tls on RISC-V and reads tp"
TOML
emu=(--target riscv64-linux-gnu-emutls --profile profiles/rv-emutls.toml --sysroot riscv64-unknown-linux-gnu)
for old in 14 16; do
  expect_status 1 "$XPORT" cc "${emu[@]}" --clang $old -c tls.c -o tls-rv.o
  expect_contains "$OUT" "target riscv64-linux-gnu-emutls needs clang 17 or later (profile key min-clang: clang before 17 ignores -femulated-tls on RISC-V and reads tp), but the chosen clang is $old" "clang $old for emulated TLS"
  expect_contains "$OUT" "'--clang $newest'" "clang $old for emulated TLS"
done
step "$XPORT" cc "${emu[@]}" tls.c -o tls-rv
out=$(qemu-riscv64 -L "$root/usr/riscv64-linux-gnu" ./tls-rv)
[ "$out" = "threads 1005 1005 1005 1005 main 6" ] || fail "riscv64 emulated-TLS program printed '$out'"
work=$(llvm-objdump-14 -d --disassemble-symbols=work tls-rv)
grep -q '__emutls_get_address' <<<"$work" || fail "riscv64 work() does not call __emutls_get_address"
grep -qE '[[:space:]]tp([,)]|$)' <<<"$work" && fail "riscv64 work() reads tp when TLS is emulated"

# xport's own emulated-TLS runtime (Genode on FreeBSD) is built by the chosen clang, once per
# clang version.
genode=(--target x86_64-unknown-genode --sysroot "$WORK/freebsd")
step "$XPORT" cc "${genode[@]}" --clang 14 tls.c -o tls-genode-14
step "$XPORT" cc "${genode[@]}" tls.c -o tls-genode-new
mapfile -t runtimes < <(find "$XDG_CACHE_HOME/xport/driver/emutls" -name libxport_emutls.a | sort)
[ "${#runtimes[@]}" -eq 2 ] || fail "expected a runtime per clang, found: ${runtimes[*]}"
made_by=$(for a in "${runtimes[@]}"; do llvm-readelf-14 -p .comment "$a" | grep -o 'clang version [0-9]*'; done | sort -V | tr '\n' ' ')
[ "$made_by" = "clang version 14 clang version $newest " ] || fail "the runtimes were built by: $made_by"
printed=$("$XPORT" cc "${genode[@]}" --clang 14 --print-command tls.c -o x)
built_by_14=$(for a in "${runtimes[@]}"; do
  if llvm-readelf-14 -p .comment "$a" | grep -q 'clang version 14\.'; then echo "$a"; fi
done)
[ -n "$built_by_14" ] || fail "no runtime was built by clang 14"
expect_contains "$printed" "$built_by_14" "clang 14's link"
echo "PASS: newest clang by default, --clang/XPORT_CLANG, min-lld and min-clang errors, runtimes per clang"
