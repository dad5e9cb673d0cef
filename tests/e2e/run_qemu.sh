# xport run for a foreign Linux target: C and C++ programs cross-built for aarch64 against a
# sysroot imported from Debian's packages run under qemu-aarch64 (called directly, no binfmt),
# with the sysroot as library prefix; exit status, signals, arguments and standard input behave
# as they would natively.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/run_lib.bash"
import_arm64_sysroot
cd "$WORK"

cat >hello.cpp <<'CPP'
#include <iostream>
#include <string>
#include <vector>
int main(int argc, char **argv) {
  std::vector<std::string> words(argv + 1, argv + argc);
  std::cout << "C++ on aarch64 got " << words.size() << " words";
  for (const auto &w : words) std::cout << " [" << w << "]";
  std::cout << std::endl;
}
CPP
step "$XPORT" cc --target $arm64_target "$XPORT_SOURCE_DIR/tests/e2e/run_probe.c" -o probe
step "$XPORT" c++ --target $arm64_target hello.cpp -o hello
file probe | grep -q "ARM aarch64" || fail "probe is not an aarch64 program: $(file probe)"

step "$XPORT" run --target $arm64_target ./hello "two words" 'it'"'"'s'
out=$("$XPORT" run --target $arm64_target ./hello "two words" 'it'"'"'s')
[ "$out" = "C++ on aarch64 got 2 words [two words] [it's]" ] || fail "C++ program printed '$out'"

plan=$("$XPORT" run --target $arm64_target --print-command ./probe)
echo "$plan"
expect_contains "$plan" "qemu-aarch64 -L $XPORT_HOME/sysroots/$arm64_target/root/usr/aarch64-linux-gnu"

got=$(ending "$XPORT" run --target $arm64_target ./probe exit 3)
[ "$got" = "exit 3" ] || fail "exit 3 under qemu ended as '$got'"
got=$(ending "$XPORT" run --target $arm64_target ./probe abort 2>/dev/null)
[ "$got" = "signal 6" ] || fail "SIGABRT under qemu ended as '$got'"

args=("a b" "it's" '"double"' 'back\slash' '*' '' '-L' '--' $'new\nline')
out=$("$XPORT" run --target $arm64_target ./probe "${args[@]}")
want=$(for a in "${args[@]}"; do printf '<%s>\n' "$a"; done)
[ "$out" = "$want" ] || fail "arguments changed under qemu: got
$out"

out=$(printf 'line one\nline two\n' | "$XPORT" run --target $arm64_target ./probe cat)
[ "$out" = $'line one\nline two' ] || fail "standard input under qemu: '$out'"

# An explicit --sysroot by name works the same; a folder without the interpreter is refused.
out=$("$XPORT" run --target $arm64_target --sysroot $arm64_target ./probe x)
[ "$out" = "<x>" ] || fail "--sysroot NAME: '$out'"
mkdir empty-sysroot
expect_status 1 "$XPORT" run --target $arm64_target --sysroot ./empty-sysroot ./probe
expect_contains "$OUT" "interpreter /lib/ld-linux-aarch64.so.1 is not in the sysroot"

echo "ok: aarch64 C and C++ programs run under qemu through xport run"
