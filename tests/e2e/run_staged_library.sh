# A library staged into a Debian cross sysroot's usr/lib (outside its runtime root
# usr/aarch64-linux-gnu, as a folder imported with the .debs) links with xport cc, and the program
# then runs with xport run and under xport shell: the guest gets every library folder the link
# used, by its host path, not only those inside the runtime root.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/run_lib.bash"
import_arm64_sysroot
cd "$WORK"

# The library, built against the plain Debian sysroot into a staging folder.
cat >greet.c <<'C'
const char *greeting(void) { return "hello from libgreet"; }
C
mkdir -p stage/usr/lib
step "$XPORT" cc --target $arm64_target -shared -fPIC -Wl,-soname,libgreet.so.1 \
  -o stage/usr/lib/libgreet.so.1 greet.c
ln -s libgreet.so.1 stage/usr/lib/libgreet.so

# The sysroot again, from the same .debs plus the staging folder.
step "$XPORT" sysroot import "$WORK"/debs/*.deb "$WORK/stage" --target $arm64_target --force >/dev/null
root=$XPORT_HOME/sysroots/$arm64_target/root
[ -f "$root/usr/lib/libgreet.so.1" ] || fail "the staged library is not in the sysroot: $(ls "$root/usr/lib")"

step "$XPORT" cc --target $arm64_target -DGREETING -o probe \
  "$XPORT_SOURCE_DIR/tests/e2e/run_probe.c" -lgreet
file probe | grep -q "ARM aarch64" || fail "the program is not aarch64: $(file probe)"

cmd=$("$XPORT" run --target $arm64_target --print-command ./probe)
echo "$cmd"
expect_contains "$cmd" "LD_LIBRARY_PATH=$root/usr/lib"
expect_status 0 "$XPORT" run --target $arm64_target ./probe x
echo "$OUT"
expect_contains "$OUT" "hello from libgreet"
expect_contains "$OUT" "<x>"

command -v proot >/dev/null || skip "proot is not installed (apt-get install proot)"
expect_status 0 "$XPORT" shell --target $arm64_target -- sh -c './probe y'
expect_contains "$OUT" "hello from libgreet"
expect_contains "$OUT" "<y>"
echo "ok: a library staged outside the runtime root links and runs"
