# The Genode story on this machine, with the example runtime in examples/genode-like/: a runtime
# that, like Genode, sets up no TLS area behind %fs. A _Thread_local program compiled for the base
# profile (native TLS) and linked against it dies with SIGSEGV at its first TLS access, at the
# variable's TLS offset applied to a null thread pointer; `xport check` names that access before
# anything runs; built for the profile (tls-model = "emulated") it runs and prints its result.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/run_lib.bash"
[ "$(uname -m)" = x86_64 ] || skip "the Genode-like example runtime is x86_64 code; this host is $(uname -m)"
example=$XPORT_SOURCE_DIR/examples/genode-like
cd "$WORK"

step bash "$example/build.sh" "$WORK/genode-sysroot"
profile=(--profile "$example/x86_64-genode-like.toml" --target x86_64-genode-like)
sysroot=(--sysroot "$WORK/genode-sysroot")

# Compiled for the base profile (native TLS, as a prebuilt library would be), linked for the
# Genode-like runtime.
step "$XPORT" cc --target x86_64-unknown-linux-gnu "${sysroot[@]}" -c "$example/tls_counter.c" -o native.o
step "$XPORT" cc "${profile[@]}" "${sysroot[@]}" native.o -o tls-native

step "$XPORT" check "${profile[@]}" "${sysroot[@]}" tls-native || true
expect_status 1 "$XPORT" check "${profile[@]}" "${sysroot[@]}" tls-native
expect_contains "$OUT" "[thread-pointer-read]: reads the thread pointer (%fs) at 0x"
expect_contains "$OUT" 'in `main`'
expect_contains "$OUT" "provides no TLS area through FS"
check_report=$OUT

got=$(ending "$XPORT" run "${profile[@]}" ./tls-native 2>/dev/null)
[ "$got" = "signal 11" ] || fail "the native-TLS program ended as '$got', expected SIGSEGV (signal 11)"

# Where it faulted: a small ptrace harness reports the signal, the faulting address and the
# instruction.
cat >fault.c <<'C'
#include <signal.h>
#include <stdio.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>
int main(int argc, char **argv) {
  (void)argc;
  pid_t pid = fork();
  if (pid == 0) {
    if (ptrace(PTRACE_TRACEME, 0, 0, 0) != 0) _exit(126);
    execv(argv[1], argv + 1);
    _exit(127);
  }
  int status;
  waitpid(pid, &status, 0); /* stopped at exec */
  if (WIFEXITED(status)) { printf("no-ptrace %d\n", WEXITSTATUS(status)); return 2; }
  ptrace(PTRACE_CONT, pid, 0, 0);
  for (;;) {
    waitpid(pid, &status, 0);
    if (WIFEXITED(status)) { printf("exit %d\n", WEXITSTATUS(status)); return 1; }
    if (!WIFSTOPPED(status)) return 1;
    int sig = WSTOPSIG(status);
    if (sig == SIGSEGV) {
      siginfo_t si;
      struct user_regs_struct regs;
      ptrace(PTRACE_GETSIGINFO, pid, 0, &si);
      ptrace(PTRACE_GETREGS, pid, 0, &regs);
      printf("signal %d address 0x%lx pc 0x%llx\n", si.si_signo, (unsigned long)si.si_addr, regs.rip);
      kill(pid, SIGKILL);
      return 0;
    }
    ptrace(PTRACE_CONT, pid, 0, sig);
  }
}
C
cc -o fault fault.c
report=$(./fault ./tls-native) || true
echo "harness: $report"
case $report in no-ptrace*) skip "ptrace is not permitted here, so the faulting address cannot be read" ;; esac
read -r _ signo _ address _ pc <<<"$report"
[ "$signo" = 11 ] || fail "the harness saw signal $signo, not SIGSEGV"

# The expected address, from the binary's TLS layout (x86_64 is TLS variant II: the thread
# pointer points past the block, so a variable sits at tp - alignup(memsz, align) + st_value).
read -r memsz align < <(readelf -lW tls-native | awk '$1 == "TLS" { print $6, $NF }')
value=$(readelf -sW tls-native | awk '$4 == "TLS" && $8 == "counter" { print $2 }')
[ -n "$memsz" ] && [ -n "$value" ] || fail "no PT_TLS segment or no TLS symbol 'counter' in tls-native"
expected=$(python3 -c 'import sys
memsz, align, value = (int(x, 16) for x in sys.argv[1:])
block = (memsz + align - 1) // align * align
print(hex((0 - block + value) % 2**64))' "$memsz" "$align" "$value")
echo "PT_TLS memsz $memsz align $align, counter at offset 0x$value: expected fault at $expected"
# clang 19 loads the thread pointer's self-pointer (%fs:0x0) first: with a null thread pointer that
# load is the fault, at address 0, and the instruction reads %fs:0x0.
fault_insn=$(objdump -d --start-address="$pc" --stop-address=$((pc + 15)) tls-native | grep -m1 '%fs:')
if [ "$address" != "$expected" ]; then
  [ "$address" = 0x0 ] && grep -q '%fs:0x0' <<<"$fault_insn" ||
    fail "faulted at $address, expected $expected (counter's TLS offset from a null thread pointer)"
fi
# ... and the faulting instruction is one of the thread-pointer reads check reported.
expect_contains "$check_report" "$pc" "xport check's report (the faulting instruction $pc)"

# Built for the profile: TLS is emulated through the runtime's __emutls_get_address.
step "$XPORT" cc "${profile[@]}" "${sysroot[@]}" "$example/tls_counter.c" -o tls-emulated
expect_status 0 "$XPORT" check "${profile[@]}" "${sysroot[@]}" tls-emulated
expect_contains "$OUT" "0 findings"
readelf -lW tls-emulated | grep -q "^ *TLS " && fail "tls-emulated still has a PT_TLS segment"
step "$XPORT" run "${profile[@]}" ./tls-emulated
out=$("$XPORT" run "${profile[@]}" ./tls-emulated extra-argument)
[ "$out" = "thread-local counter = 43, history = 1 2 43" ] || fail "tls-emulated printed '$out'"
echo "ok: native TLS faults at $address on the Genode-like runtime, check names it, emulated TLS runs"
