# xport run on the host's own target: the program's exit status and fatal signal come back
# unchanged, arguments arrive byte for byte, standard input reaches the program.
source "$(dirname "$0")/lib.sh"

target=$(uname -m)-unknown-linux-gnu
cat >"$WORK/probe.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "exit")) return atoi(argv[2]);
  if (argc > 1 && !strcmp(argv[1], "abort")) abort();
  if (argc > 1 && !strcmp(argv[1], "cat")) {
    int c;
    while ((c = getchar()) != EOF) putchar(c);
    return 0;
  }
  for (int i = 1; i < argc; i++) printf("<%s>\n", argv[i]);
  return 0;
}
C
cc -o "$WORK/probe" "$WORK/probe.c"

# How a caller sees the end of a command: "exit N" or "signal N" (python tells them apart).
ending() {
  python3 -c 'import subprocess, sys
r = subprocess.run(sys.argv[1:]).returncode
print(f"signal {-r}" if r < 0 else f"exit {r}")' "$@"
}

step "$XPORT" run --target "$target" "$WORK/probe" exit 3 || true
got=$(ending "$XPORT" run --target "$target" "$WORK/probe" exit 3)
[ "$got" = "exit 3" ] || fail "a program exiting 3 ended as '$got'"

got=$(ending "$XPORT" run --target "$target" "$WORK/probe" abort 2>/dev/null)
[ "$got" = "signal 6" ] || fail "a program killed by SIGABRT ended as '$got' (want signal 6)"

# Through a runner too: `env --` runs the program; its ending is still the program's.
got=$(ending "$XPORT" run --target "$target" --runner 'env --' "$WORK/probe" abort 2>/dev/null)
[ "$got" = "signal 6" ] || fail "through a runner, SIGABRT ended as '$got'"

# Arguments with spaces, quotes, backslashes, globs, dollar signs, empty ones, and options that
# look like xport's own.
args=("a b" "it's" '"double"' 'back\slash' '*' '$HOME' '' '--target' '-h' $'new\nline')
out=$("$XPORT" run --target "$target" "$WORK/probe" "${args[@]}")
want=$(for a in "${args[@]}"; do printf '<%s>\n' "$a"; done)
[ "$out" = "$want" ] || fail "arguments changed on the way: got
$out
want
$want"
# The same through a runner given in the environment.
var=XPORT_RUNNER_$(echo "$target" | tr 'a-z-' 'A-Z_')
out=$(env "$var=env --" "$XPORT" run --target "$target" "$WORK/probe" "${args[@]}")
[ "$out" = "$want" ] || fail "arguments changed through \$$var"

# Standard input is the program's.
out=$(printf 'first line\nsecond \0 line' | "$XPORT" run --target "$target" "$WORK/probe" cat | od -c)
want=$(printf 'first line\nsecond \0 line' | od -c)
[ "$out" = "$want" ] || fail "standard input was not passed through: $out"

echo "ok: exit status, SIGABRT, arguments and standard input pass through xport run"
