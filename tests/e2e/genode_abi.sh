#!/usr/bin/env bash
# Genode for real: FreeBSD 13.2's base gives the headers, Genode's own tree (the symbol files and
# link recipe in ../shared/media/genode-abi-*.tar.xz) gives the ABI. `xport sysroot add` layers
# the tree (from the archive, then from a folder), making the stubs with clang and lld; then C, C++
# and Rust programs are linked as Genode links them and checked against Genode's symbol files:
# - interpreter ld.lib.so, only *.lib.so NEEDED names, a SysV .hash and no .gnu.hash, no PT_TLS,
#   every import in the symbol files of the APIs in use (`xport check` clean);
# - the same program linked by hand as Genode's prg.mk does (ld.lld, genode_dyn.ld/.dl, stubs
#   assembled here from the symbol files) has the same interpreter, NEEDED, hash and segments;
# - a program calling utimensat, which FreeBSD has and Genode's libc lacks, fails the check;
# - Goa's examples/hello_rust and a threaded Rust program with named threads and thread_local!
#   build with Rust 1.96 (std from source), where Goa pins a 2025 nightly.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/rust_lib.bash"
source "$(dirname "$0")/genode_lib.bash"
base=$(real_media freebsd-13.2-amd64-base.txz)
genode=$(real_media genode-abi-ffb059da.tar.xz)
cd "$WORK"

step "$XPORT" sysroot import "$base" --target x86_64-unknown-genode >/dev/null
root=$XPORT_HOME/sysroots/x86_64-unknown-genode/root

# Without the layer a program is linked as FreeBSD's, and xport cc says so once per build (a build
# being the session it runs in: setsid starts a new one).
printf '#include <stdio.h>\nint main(void) { printf("hello Genode\\n"); return 0; }\n' >hello.c
expect_status 0 setsid -w "$XPORT" cc --target x86_64-unknown-genode hello.c -o hello-freebsd
expect_contains "$OUT" "has no layer of it: programs are linked as the media's own"
expect_contains "$(readelf -l hello-freebsd)" "/libexec/ld-elf.so.1"
printf '#include <sys/stat.h>\n#include <fcntl.h>\nint main(void) { return utimensat(AT_FDCWD, "f", 0, 0); }\n' >touch.c
step "$XPORT" cc --target x86_64-unknown-genode touch.c -o touch-freebsd 2>/dev/null
# A position-dependent program that reads libc's sys_errlist gets a copy of it: 1208 bytes in
# FreeBSD 13.2's libc, 776 in Genode's symbol file.
printf 'extern const char *const sys_errlist[];\nint main(void) { return sys_errlist[1][0]; }\n' >errlist.c
step "$XPORT" cc --target x86_64-unknown-genode -fno-pic -no-pie errlist.c -o errlist-freebsd 2>/dev/null
expect_contains "$(readelf -r errlist-freebsd)" "R_X86_64_COPY"

# The layer, from the archive as published (the tree is one folder down in it).
expect_status 0 "$XPORT" sysroot add x86_64-unknown-genode "$genode"
echo "$OUT"
expect_contains "$OUT" "genode tree at $genode: release 25.11 or later"
expect_contains "$OUT" "43 symbol files, stubs made"
for lib in ld libc libm posix stdcxx vfs; do
  stub=$root/symbol-abi/stubs/$lib.lib.so
  [ -f "$stub" ] || fail "no stub $stub"
  expect_contains "$(readelf -d "$stub")" "Library soname: [$lib.lib.so]"
done
# Object sizes come from the symbol file (libc: "___mb_cur_max D 50", "__isthreaded B 4"), and
# posix's "main U" is a reference the program must satisfy.
libc_syms=$(readelf --dyn-syms -W "$root/symbol-abi/stubs/libc.lib.so")
grep -Eq ' 50 OBJECT +GLOBAL +DEFAULT +[0-9]+ ___mb_cur_max$' <<<"$libc_syms" || fail "___mb_cur_max is not 50 bytes"
grep -Eq ' 4 OBJECT +GLOBAL +DEFAULT +[0-9]+ __isthreaded$' <<<"$libc_syms" || fail "__isthreaded is not 4 bytes"
grep -Eq 'NOTYPE +GLOBAL +DEFAULT +UND main$' <<<"$(readelf --dyn-syms -W "$root/symbol-abi/stubs/posix.lib.so")" ||
  fail "posix.lib.so does not reference main"
expect_status 0 "$XPORT" sysroot verify x86_64-unknown-genode
expect_status 0 "$XPORT" sysroot show x86_64-unknown-genode
expect_contains "$OUT" "symbol ABI:      genode tree at release 25.11 or later, 43 libraries, from $genode"

step "$XPORT" cc --target x86_64-unknown-genode -O2 hello.c -o hello
check_genode hello
expect_contains "$(readelf -d hello)" "[posix.lib.so]"
expect_contains "$(readelf -d hello)" "[libc.lib.so]"
expect_contains "$(readelf -d hello)" "[ld.lib.so]"
# main is exported (posix's construct calls it), and Genode's ctors range is there.
expect_contains "$(readelf --dyn-syms -W hello)" " main"
expect_contains "$(nm hello)" "_ctors_start"

# The same object linked by hand as Genode's prg.mk links it, against stubs assembled here from the
# symbol files (each line: .text/.data/.bss/.rodata directive for its type, as abi.mk does).
mkdir recipe
tar xf "$genode" -C recipe
tree=recipe/genode-abi/genode
lld=$(ls /usr/bin/ld.lld-* | sort -V | tail -1)
clang=$(ls /usr/bin/clang-[0-9]* | sort -V | tail -1)
for lib in ld libc libm posix; do
  sym=$(ls $tree/repos/*/lib/symbols/$lib)
  awk '/^[A-Za-z_]/ {
    n=$1; t=$2; s=$3
    if (t=="T") printf ".text\n.global %s\n.type %s,%%function\n%s:\n", n, n, n
    else if (t=="W") printf ".text\n.weak %s\n.type %s,%%function\n%s:\n", n, n, n
    else if (t=="D") printf ".data\n.global %s\n.type %s,%%object\n.size %s,%s\n%s: .skip 1\n", n, n, n, s, n
    else if (t=="V") printf ".data\n.weak %s\n.type %s,%%object\n%s: .skip 1\n", n, n, n
    else if (t=="B") printf ".bss\n.global %s\n.type %s,%%object\n.size %s,%s\n%s:\n", n, n, n, s, n
    else if (t=="R") printf ".section .rodata\n.global %s\n.type %s,%%object\n.size %s,%s\n%s:\n", n, n, n, s, n
    else if (t=="U") printf ".text\n.global %s\nmovq %s@GOTPCREL(%%rip), %%rax\n", n, n
  }' "$sym" >recipe/$lib.s
  "$clang" -target x86_64-unknown-freebsd -c recipe/$lib.s -o recipe/$lib.o
  "$lld" -o recipe/$lib.lib.so -soname $lib.lib.so -shared --eh-frame-hdr -melf_x86_64 \
    -gc-sections -z max-page-size=0x1000 --hash-style=sysv -T $tree/repos/base/src/ld/genode_rel.ld recipe/$lib.o
done
step "$XPORT" cc --target x86_64-unknown-genode -O2 -c hello.c -o hello.o
step "$lld" -melf_x86_64 -gc-sections -z max-page-size=0x1000 -z noexecstack --hash-style=sysv \
  --dynamic-list=$tree/repos/base/src/ld/genode_dyn.dl --dynamic-linker=ld.lib.so --eh-frame-hdr \
  -Ttext=0x01000000 -T $tree/repos/base/src/ld/genode_dyn.ld hello.o \
  recipe/ld.lib.so recipe/libc.lib.so recipe/libm.lib.so recipe/posix.lib.so \
  "$root/usr/lib/libgcc.a" -o hello-recipe 2>&1 | grep -v "cannot find entry symbol" || true
facts() { # interpreter, NEEDED, hash sections, segment types
  readelf -l -W "$1" | sed -n 's/.*interpreter: \(.*\)\]/\1/p'
  readelf -d "$1" | sed -n 's/.*Shared library: \[\([^]]*\)\].*/\1/p' | sort
  readelf -S -W "$1" | grep -oE ' \.(gnu\.)?hash ' | sort
  readelf -l -W "$1" | awk '$1 ~ /^(PHDR|INTERP|LOAD|DYNAMIC|NOTE|TLS|GNU_[A-Z_]+)$/ {print $1}'
}
diff <(facts hello-recipe) <(facts hello) || fail "xport cc's link differs from Genode's recipe"
echo "Genode's recipe and xport cc agree: $(facts hello | tr '\n' ' ')"

# C++: virtual calls, a dynamic initializer, new and delete, an exception thrown and caught.
# Genode's ld.lib.so has the exception runtime (__cxa_throw ...), its stdcxx has operator new: the
# API is data, named per build.
cat >hello.cpp <<'CPP'
#include <cstdio>
struct Greeter { virtual const char* who() const { return "Genode"; } virtual ~Greeter() = default; };
struct Loud : Greeter { const char* who() const override { return "GENODE"; } };
struct Oops { int code; };
static int answer = [] { return 42; }();
static int check(int x) { if (x > 2) throw Oops{x}; return x; }
int main() {
  Greeter* g = new Loud;
  try { check(answer); } catch (const Oops& e) { std::printf("caught %d\n", e.code); }
  std::printf("hello %s from C++, %d\n", g->who(), answer);
  delete g;
  return 0;
}
CPP
expect_status 1 "$XPORT" c++ --target x86_64-unknown-genode -O2 hello.cpp -o hello-cxx
expect_contains "$OUT" "undefined symbol: operator new(unsigned long)"
XPORT_ABI_APIS=base,libc,posix,stdcxx step "$XPORT" c++ --target x86_64-unknown-genode -O2 hello.cpp -o hello-cxx
expect_contains "$(readelf -d hello-cxx)" "[stdcxx.lib.so]"
XPORT_ABI_APIS=base,libc,posix,stdcxx check_genode hello-cxx

# utimensat: FreeBSD's libc has it, Genode's does not. Against the layer the link fails naming it;
# the program linked as FreeBSD's fails the check naming it.
expect_status 1 "$XPORT" cc --target x86_64-unknown-genode touch.c -o touch
expect_contains "$OUT" "undefined symbol: utimensat"
expect_status 1 "$XPORT" check --target x86_64-unknown-genode touch-freebsd
echo "$OUT"
expect_contains "$OUT" "error [abi-symbol-missing]: imports \`utimensat\`"
expect_contains "$OUT" "base, libc, posix (ld, libc, libm, posix at release 25.11 or later)"
# The program linked as FreeBSD's, checked against the layer: every FreeBSD trait is named.
expect_status 1 "$XPORT" check --target x86_64-unknown-genode hello-freebsd
expect_contains "$OUT" "[interpreter-mismatch]"
expect_contains "$OUT" "error [abi-needed]: needs libc.so.7"

expect_contains "$OUT" "warning [abi-symbol-version]:"
expect_contains "$OUT" "_init_tls@FBSD_1.0"
expect_status 1 "$XPORT" check --target x86_64-unknown-genode errlist-freebsd
expect_contains "$OUT" "error [abi-copy-size]: copies the object \`sys_errlist\` at load time, of 1208 bytes, where libc's symbol file says 776"
# Against the layer the copy is the symbol file's size, and the check is clean.
step "$XPORT" cc --target x86_64-unknown-genode -fno-pic -no-pie errlist.c -o errlist
expect_status 0 "$XPORT" check --target x86_64-unknown-genode errlist
# A GNU hash alone (the user's flag wins over the profile's): Genode's loader could find nothing.
step "$XPORT" cc --target x86_64-unknown-genode hello.c -o hello-gnu-hash -Wl,--hash-style=gnu
expect_status 1 "$XPORT" check --target x86_64-unknown-genode hello-gnu-hash
expect_contains "$OUT" "error [abi-hash-style]: has a .gnu.hash and no .hash"

# The layer again, from a folder: the same tree, the same stubs.
expect_status 0 "$XPORT" sysroot add x86_64-unknown-genode "$tree"
expect_contains "$OUT" "genode tree at $tree"
step "$XPORT" cc --target x86_64-unknown-genode -O2 hello.c -o hello-again
cmp <(facts hello) <(facts hello-again) || fail "the folder's layer links differently"

# Rust 1.96 with std from source: Goa's hello_rust and a threaded program.
require_vendored_rust
cp -r recipe/genode-abi/goa/examples/hello_rust/src hello_rust
(cd hello_rust && step "$XPORT" cargo x86_64-unknown-genode --rustc "$RUSTC_1_96" build --release)
check_genode hello_rust/target/xport-x86_64-unknown-genode/x86_64-unknown-genode/release/hello-rust

write_counting_crate counter
cat >counter/src/main.rs <<'RS'
use std::cell::Cell;
thread_local!(static COUNT: Cell<u64> = Cell::new(0));

fn main() {
    let workers: Vec<_> = (1..=4u64)
        .map(|i| {
            std::thread::Builder::new()
                .name(format!("counter-{i}"))
                .spawn(move || {
                    for _ in 0..i * 1000 { COUNT.with(|c| c.set(c.get() + 1)); }
                    (std::thread::current().name().unwrap().to_string(), COUNT.with(|c| c.get()))
                })
                .unwrap()
        })
        .collect();
    let seen: Vec<_> = workers.into_iter().map(|w| w.join().unwrap()).collect();
    println!("{seen:?} in {:?}", std::thread::current().id());
}
RS
(cd counter && step "$XPORT" cargo x86_64-unknown-genode --rustc "$RUSTC_1_96" build --release)
counter=counter/target/xport-x86_64-unknown-genode/x86_64-unknown-genode/release/counter
check_genode "$counter"
# std's calls that Genode's libc lacks are the shims', defined in the program.
nm "$counter" | grep -q ' T pthread_getthreadid_np' || fail "no pthread_getthreadid_np shim"
nm "$counter" | grep -q ' T pthread_setname_np' || fail "no pthread_setname_np shim"
expect_contains "$(readelf --dyn-syms -W "$counter")" "pthread_set_name_np"
echo "ok"
