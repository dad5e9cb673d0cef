# `xport toolchain install`: <target>-cc and friends. An autotools-style configure with
# --host=<target> and a Makefile using $(CROSS_COMPILE)cc build for the target unchanged;
# <target>-pkg-config sees the sysroot's packages and the user's PKG_CONFIG_PATH, never the host's.
# Links keep their store when XPORT_HOME changes; xport's options are read anywhere on the
# command line. Also `xport env` for eval.
source "$(dirname "$0")/lib.sh"
export LIBRARY_PATH="${LIBRARY_PATH:-/usr/local/lib}"
cd "$WORK"
target=x86_64-unknown-freebsd
bash "$XPORT_SOURCE_DIR/tests/e2e/fixtures/make_stub_sysroot.sh" freebsd "$WORK/freebsd" >/dev/null
step "$XPORT" toolchain install "$target" "$WORK/bin" --sysroot "$WORK/freebsd"
for tool in cc c++ gcc g++ ar ranlib nm objcopy strip ld pkg-config; do
  [ -x "bin/$target-$tool" ] || fail "bin/$target-$tool missing"
done
export PATH="$WORK/bin:$PATH"

# A configure script doing what autoconf's AC_CHECK_TOOL does: prefer <host>-<tool>.
mkdir -p proj
cat >proj/configure <<'SH'
#!/bin/sh
host=
for arg; do case $arg in --host=*) host=${arg#--host=} ;; esac; done
check_tool() { # VAR TOOL
  for candidate in ${host:+$host-$2} $2; do
    if command -v "$candidate" >/dev/null 2>&1; then eval "$1=$candidate"; return; fi
  done
  echo "configure: no $2" >&2; exit 1
}
check_tool CC gcc
check_tool AR ar
echo "checking for C compiler... $CC"
printf 'int main(void) { return 0; }\n' >conftest.c
$CC conftest.c -o conftest || { echo "configure: error: C compiler cannot create executables"; exit 1; }
printf 'CC = %s\nAR = %s\n' "$CC" "$AR" >config.mk
SH
chmod +x proj/configure
cat >proj/Makefile <<'MK'
include config.mk
hello: hello.o libgreet.a
	$(CC) -o $@ hello.o libgreet.a
libgreet.a: greet.o
	$(AR) rcs $@ greet.o
MK
echo 'void greet(void) {}' >proj/greet.c
echo 'void greet(void); int main(void) { greet(); return 0; }' >proj/hello.c
(cd proj && step ./configure --host="$target" && step make -s)
expect_contains "$(cat proj/config.mk)" "CC = $target-gcc" "configure's choice"
headers=$(readelf -h -l proj/hello)
expect_contains "$headers" "UNIX - FreeBSD" "configure-built program"
expect_contains "$headers" "/libexec/ld-elf.so.1" "configure-built program"

# A kernel-style Makefile: $(CROSS_COMPILE)cc.
printf 'all:\n\t$(CROSS_COMPILE)cc -o hw proj/hello.c proj/greet.c\n' >Makefile.cross
step make -s -f Makefile.cross CROSS_COMPILE="$target-"
expect_contains "$(readelf -h hw)" "UNIX - FreeBSD" "CROSS_COMPILE-built program"

# pkg-config: the sysroot's .pc files, with paths moved into the sysroot; never the host's.
mkdir -p freebsd/usr/lib/pkgconfig host-pc
cat >freebsd/usr/lib/pkgconfig/greet.pc <<'PC'
prefix=/usr
Name: greet
Description: test package inside the sysroot
Version: 1.0
Cflags: -I${prefix}/include/greet
Libs: -L${prefix}/lib -lgreet
PC
printf 'Name: hostonly\nDescription: host\nVersion: 1\nCflags: -I/host\n' >host-pc/hostonly.pc
flags=$("$target-pkg-config" --cflags greet)
expect_contains "$flags" "-I$WORK/freebsd/usr/include/greet" "pkg-config --cflags"
# The host's own folders are never searched, even when PKG_CONFIG_LIBDIR names them.
host_pc=$(pkg-config --variable=pcfiledir zlib) || fail "the host has no zlib.pc (zlib1g-dev)"
if PKG_CONFIG_LIBDIR="$host_pc" "$target-pkg-config" --exists zlib; then
  fail "$target-pkg-config found the host's zlib.pc"
fi
# The user's PKG_CONFIG_PATH (staged packages) is searched, as Debian's <triplet>-pkg-config
# does; its paths move into the sysroot like the sysroot's own.
printf 'prefix=/opt/staged\nName: staged\nDescription: staged\nVersion: 2.5\nCflags: -I${prefix}/include\n' \
  >host-pc/staged.pc
flags=$(PKG_CONFIG_PATH="$WORK/host-pc" "$target-pkg-config" --cflags staged greet)
expect_contains "$flags" "-I$WORK/freebsd/opt/staged/include" "pkg-config --cflags with PKG_CONFIG_PATH"
expect_contains "$flags" "-I$WORK/freebsd/usr/include/greet" "pkg-config --cflags with PKG_CONFIG_PATH"

# xport env: eval-able exports pointing at the same kind of links.
vars=$("$XPORT" env --target "$target" --sysroot "$WORK/freebsd")
echo "$vars"
(
  eval "$vars"
  [ -x "$CC" ] || fail "CC=$CC is not executable"
  "$CC" proj/hello.c proj/greet.c -o hw-env
  expect_contains "$(readelf -h hw-env)" "UNIX - FreeBSD" "program built with \$CC from xport env"
  [ "$PKG_CONFIG_SYSROOT_DIR" = "$WORK/freebsd" ] || fail "PKG_CONFIG_SYSROOT_DIR=$PKG_CONFIG_SYSROOT_DIR"
  expect_contains "$PKG_CONFIG_LIBDIR" "$WORK/freebsd/usr/lib/pkgconfig" "PKG_CONFIG_LIBDIR"
  expect_contains "$vars" "CARGO_TARGET_X86_64_UNKNOWN_FREEBSD_LINKER=" "xport env"
)
json=$("$XPORT" env --target "$target" --sysroot "$WORK/freebsd" --json)
python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["CC"].endswith("-cc"), d' "$json"
# Links keep the store they were installed with: a sysroot name (or the default, the store's
# sysroot named like the target) means the same sysroot whatever XPORT_HOME says later.
step "$XPORT" sysroot import "$WORK/freebsd" --target "$target" >/dev/null
step "$XPORT" toolchain install "$target" "$WORK/bin-store"
step "$XPORT" toolchain install x86_64-unknown-dragonfly "$WORK/bin-store"
store=$XPORT_HOME
(
  export XPORT_HOME="$WORK/another-store"
  step "$WORK/bin-store/$target-cc" proj/hello.c proj/greet.c -o hw-store
  unset XPORT_HOME
  step "$WORK/bin-store/$target-cc" proj/hello.c proj/greet.c -o hw-store-unset
  # No sysroot for DragonFly in the recorded store: the error says which store was searched.
  expect_status 2 "$WORK/bin-store/x86_64-unknown-dragonfly-cc" proj/hello.c -o hw-dfly
  expect_contains "$OUT" "$store/sysroots/x86_64-unknown-dragonfly" "missing sysroot error of a link"
)
expect_contains "$(readelf -h hw-store)" "UNIX - FreeBSD" "program built by a link with XPORT_HOME changed"
expect_contains "$(readelf -h hw-store-unset)" "UNIX - FreeBSD" "program built by a link with XPORT_HOME unset"
expect_status 2 env XPORT_HOME="$WORK/another-store" "$XPORT" cc --target x86_64-unknown-dragonfly proj/hello.c
expect_contains "$OUT" "$WORK/another-store/sysroots/x86_64-unknown-dragonfly" "missing sysroot error of xport cc"

# xport's options are read wherever they are on the command line: --sysroot NAME after the
# inputs is the store's sysroot, not a folder for clang, for xport cc and for a link alike.
rm -rf bin-late && mkdir bin-late
step "$XPORT" cc proj/hello.c --target "$target" proj/greet.c --sysroot "$target" -o hw-late
expect_contains "$(readelf -h hw-late)" "UNIX - FreeBSD" "program built with --sysroot NAME after the inputs"
printed=$("$XPORT" cc --target "$target" -O2 proj/hello.c --sysroot "$target" --print-command)
expect_contains "$printed" "--sysroot=$store/sysroots/$target/root" "--print-command after the inputs"
expect_not_contains "$printed" "--print-command" "the command xport prints"
step "$WORK/bin-store/$target-cc" proj/hello.c proj/greet.c --sysroot "$target" -o hw-link-late
expect_contains "$(readelf -h hw-link-late)" "UNIX - FreeBSD" "program built by a link given --sysroot NAME"
echo "PASS: toolchain links work for configure --host, CROSS_COMPILE Makefiles, pkg-config and env"
