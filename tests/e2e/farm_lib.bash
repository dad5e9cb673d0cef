# Helpers for the build-farm scenarios (farm_*.sh, sourced after lib.sh and run_lib.bash): a small
# make project cross-built for aarch64 with `xport cc` and XPORT_LAUNCHER, and checks of its result.

# free_port: a TCP port on 127.0.0.1 that nothing listens on now.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# xport_clang: the clang `xport cc` runs for aarch64, as its printed command names it (the path
# the build servers must also have); the comment line above the command says why it was chosen.
xport_clang() {
  local word
  for word in $("$XPORT" cc --target "$arm64_target" --print-command -c x.c | grep -v '^#'); do
    case "$word" in
    */clang | */clang-[0-9]*) echo "$word"; return ;;
    esac
  done
  fail "xport cc --print-command names no clang"
}

# write_farm_project DIR: three C files and a Makefile. The target's predefined macros decide what
# arch.c prints, so a compile that lost the target flags anywhere shows in the output.
write_farm_project() {
  mkdir -p "$1"
  cat >"$1/main.c" <<'C'
#include <stdio.h>
#include <sys/utsname.h>
long sum_to(long n);
const char *built_for(void);
int main(void) {
  struct utsname u;
  uname(&u);
  printf("sum %ld\nbuilt for %s\nrunning on %s\n", sum_to(100), built_for(), u.machine);
  return 0;
}
C
  cat >"$1/sum.c" <<'C'
long sum_to(long n) {
  long s = 0;
  for (long i = 1; i <= n; ++i)
    s += i;
  return s;
}
C
  cat >"$1/arch.c" <<'C'
const char *built_for(void) {
#if defined(__aarch64__) && defined(__linux__)
  return "aarch64-linux";
#else
  return "not aarch64-linux";
#endif
}
C
  printf '%s\n' 'OBJS = main.o sum.o arch.o' 'farm: $(OBJS)' '	$(CC) $(OBJS) -o $@' \
    '%.o: %.c' '	$(CC) $(CFLAGS) -c $< -o $@' 'clean:' '	rm -f farm $(OBJS)' >"$1/Makefile"
}

# farm_make DIR: make -j3 with CC = xport cc for aarch64 (XPORT_LAUNCHER as the caller set it).
farm_make() {
  step make -s -C "$1" -j3 CC="$XPORT cc --target $arm64_target" CFLAGS=-O1
}

# check_farm_program DIR: the linked program is aarch64 and prints the expected lines under qemu.
check_farm_program() {
  file "$1/farm" | grep -q "ARM aarch64" || fail "$1/farm is not an aarch64 program: $(file "$1/farm")"
  local out
  out=$("$XPORT" run --target "$arm64_target" "$1/farm") || fail "xport run $1/farm failed: $out"
  echo "$out"
  [ "$out" = "$(printf 'sum 5050\nbuilt for aarch64-linux\nrunning on aarch64')" ] ||
    fail "the aarch64 program printed something else"
}
