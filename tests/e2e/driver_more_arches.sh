# xport cc / c++ for armv7hf, i686, s390x (big-endian) and powerpc64le Linux from sysroots imported
# from Debian's cross packages: C and C++ programs build, `xport run` runs them under qemu-user
# (each architecture's own: qemu-arm, qemu-i386, qemu-s390x, qemu-ppc64le), `xport check` passes
# them against the target and its sysroot, and `xport inspect` reads them in their byte order,
# as file(1) does. Runs with the machine's LIBRARY_PATH set, as a user's shell would.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fixtures/cross.sh"
export LIBRARY_PATH="${LIBRARY_PATH:-/usr/local/lib}"
write_hello "$WORK/src"
cd "$WORK"

# deb-arch:target:qemu:interpreter:file(1)'s words for the machine and byte order
for row in "armhf:armv7-unknown-linux-gnueabihf:arm:/lib/ld-linux-armhf.so.3:32-bit LSB:ARM" \
           "i386:i686-unknown-linux-gnu:i386:/lib/ld-linux.so.2:32-bit LSB:Intel 80386" \
           "s390x:s390x-unknown-linux-gnu:s390x:/lib/ld64.so.1:64-bit MSB:IBM S/390" \
           "ppc64el:powerpc64le-unknown-linux-gnu:ppc64le:/lib64/ld64.so.2:64-bit LSB:64-bit PowerPC"; do
  IFS=: read -r deb_arch target qemu interp class machine <<<"$row"
  command -v "qemu-$qemu" >/dev/null || fail "qemu-$qemu is missing (apt-get install qemu-user)"
  debian_sysroot "$deb_arch" "$target" >/dev/null
  step "$XPORT" cc --target "$target" src/hello.c -o "c-$qemu"
  step "$XPORT" c++ --target "$target" src/hello.cpp -o "cxx-$qemu"
  out=$("$XPORT" run --target "$target" "./c-$qemu")
  [ "$out" = "hello from C" ] || fail "$target C program printed '$out'"
  out=$("$XPORT" run --target "$target" "./cxx-$qemu")
  [ "$out" = "hello from C++" ] || fail "$target C++ program printed '$out'"
  expect_contains "$("$XPORT" run --target "$target" --print-command "./c-$qemu")" "qemu-$qemu -L " \
    "xport run's plan for $target"

  # Both programs pass the checks against the target: machine, class, byte order, interpreter,
  # ABI note, relocation types the target's loader applies. (The NEEDED libraries are left out:
  # the dependency search does not look in a Debian cross layout's usr/<triplet>/lib.)
  expect_status 0 "$XPORT" check --target "$target" --ignore=needed-missing -- "c-$qemu" "cxx-$qemu"
  # The same program judged against a target of the other byte order or machine is refused.
  other=$([ "$qemu" = s390x ] && echo powerpc64le-unknown-linux-gnu || echo s390x-unknown-linux-gnu)
  expect_status 1 "$XPORT" check --target "$other" --json "c-$qemu"
  expect_contains "$OUT" '"machine-mismatch"' "xport check --target $other c-$qemu"

  # inspect reads the header, the interpreter and the GNU ABI note as file(1) does.
  seen=$("$XPORT" inspect "c-$qemu")
  expect_contains "$seen" "ELF $class" "xport inspect c-$qemu"
  expect_contains "$seen" "$machine" "xport inspect c-$qemu"
  expect_contains "$seen" "interpreter $interp" "xport inspect c-$qemu"
  expect_contains "$(file -b "c-$qemu")" "$machine" "file c-$qemu"
  expect_contains "$seen" "$(file -b "c-$qemu" | grep -o 'for GNU/Linux [0-9.]*')" "xport inspect c-$qemu"
done

# A big-endian shared library from Debian itself: inspect and check read its dynamic section,
# versioned symbols and notes in big-endian order.
libc=$XPORT_HOME/sysroots/s390x-unknown-linux-gnu/root/usr/s390x-linux-gnu/lib/libc.so.6
facts=$("$XPORT" inspect --json "$libc" | python3 -c 'import json, sys
d = json.load(sys.stdin)
d = d[0] if isinstance(d, list) else d
print(d["endian"], d["machine"], d["soname"], " ".join(d["needed"]), d["os_note"]["text"])')
[ "$facts" = "big IBM S/390 libc.so.6 ld64.so.1 for GNU/Linux 3.2.0" ] ||
  fail "xport inspect --json of Debian's s390x libc.so.6: $facts"
expect_status 0 "$XPORT" check --target s390x-unknown-linux-gnu --only=relocation-unsupported \
  --only=endian-mismatch --only=machine-mismatch --only=os-note-too-old -- "$libc"
echo "PASS: armv7hf, i686, s390x and powerpc64le C/C++ programs built, checked, inspected and run under qemu"
