#!/usr/bin/env bash
# DragonFly's story: a statically linked program whose start code does not walk .init_array (or
# .ctors) silently skips its constructors. Two static programs with the same constructor, one with
# start code that walks __init_array_start..__init_array_end and one without: the programs really
# behave differently (they run here, x86_64 Linux syscalls, exit status = whether the constructor
# ran), and `xport check` flags exactly the one whose initializers never run.
source "$(dirname "$0")/lib.sh"
[ "$(uname -m)" = x86_64 ] || skip "the fixture's start code uses x86_64 Linux system calls"
cd "$WORK"
cat >prog.c <<'C'
static int ready;
__attribute__((constructor)) static void setup(void) { ready = 1; }
int main(void) { return ready ? 0 : 1; }
C
cat >exit.h <<'C'
static void __attribute__((noreturn)) sys_exit(int code) {
  __asm__ volatile("syscall" : : "a"(60), "D"(code));
  __builtin_unreachable();
}
int main(void);
C
cat >start-plain.c <<'C'
#include "exit.h"
void _start(void) { sys_exit(main()); }
C
cat >start-walks.c <<'C'
#include "exit.h"
typedef void (*initializer)(void);
extern initializer __init_array_start[], __init_array_end[];
void _start(void) {
  for (initializer* f = __init_array_start; f < __init_array_end; ++f)
    (*f)();
  sys_exit(main());
}
C
# -O0: at -O1 LLVM evaluates such a constructor at compile time and folds it away.
cc=(clang -target x86_64-unknown-dragonfly -fuse-ld=lld -O0 -static -nostdlib -fno-stack-protector)
step "${cc[@]}" start-plain.c prog.c -o plain
step "${cc[@]}" start-walks.c prog.c -o walks
step "${cc[@]}" -fno-use-init-array start-plain.c prog.c -o plain-ctors

status=0; ./plain || status=$?
[ "$status" = 1 ] || fail "the fixture is wrong: ./plain exited $status, its constructor must not run"
./walks || fail "the fixture is wrong: ./walks exited $?, its constructor must run"

check=("$XPORT" check --target x86_64-unknown-dragonfly --only static-initializers-not-run)
expect_status 1 "${check[@]}" plain
echo "$OUT"
expect_contains "$OUT" "plain: error [static-initializers-not-run]: is statically linked with 1 .init_array entry, but nothing in it refers to __init_array_start: its start files never run these initializers"
expect_status 1 "${check[@]}" plain-ctors
expect_contains "$OUT" "1 .ctors entry, but nothing in it refers to __CTOR_LIST__"
expect_status 0 "${check[@]}" walks

llvm-strip plain
expect_status 0 "$XPORT" check --target x86_64-unknown-dragonfly --only static-initializers-unverified plain
expect_contains "$OUT" "warning [static-initializers-unverified]"
echo "ok"
