# The driver's command line: --print-command prints a pasteable command that builds the same
# program; XPORT_VERBOSE=1 prints it and builds; -### reaches clang; XPORT_LAUNCHER goes in front;
# the user's arguments (spaces, response files) pass through; missing tools and sysroots are
# errors that say how to get them.
source "$(dirname "$0")/lib.sh"
export LIBRARY_PATH="${LIBRARY_PATH:-/usr/local/lib}"
cd "$WORK"
bash "$XPORT_SOURCE_DIR/tests/e2e/fixtures/make_stub_sysroot.sh" dragonfly "$WORK/dfly" >/dev/null
cat >"my prog.c" <<'C'
#include <stdio.h>
int main(void) { puts(GREETING); return 0; }
C
t=(--target x86_64-unknown-dragonfly --sysroot "$WORK/dfly")

printed=$("$XPORT" cc "${t[@]}" --print-command '-DGREETING="hi there"' "my prog.c" -o a.out)
echo "$printed"
[ ! -e a.out ] || fail "--print-command built something"
eval "$printed" || fail "the printed command failed"
expect_contains "$(readelf -l a.out)" "/usr/libexec/ld-elf.so.2" "program built by the printed command"
XPORT_VERBOSE=1 "$XPORT" cc "${t[@]}" '-DGREETING="hi there"' "my prog.c" -o b.out 2>verbose.txt
expect_contains "$(cat verbose.txt)" "-target x86_64-pc-dragonfly-elf" "XPORT_VERBOSE output"
cmp <(readelf -h a.out) <(readelf -h b.out) || fail "verbose build differs from the printed command's"

# Response files and -### (clang's own view of the jobs, naming the sysroot's crt1.o).
printf '%s\n' '-DGREETING="\"from a response file\""' "'my prog.c'" -o c.out >args.rsp
step "$XPORT" cc "${t[@]}" @args.rsp
[ -x c.out ] || fail "build from a response file produced nothing"
jobs=$("$XPORT" cc "${t[@]}" -### @args.rsp 2>&1)
expect_contains "$jobs" "$WORK/dfly/usr/lib/crt1.o" "clang's -### output"
expect_contains "$jobs" "$WORK/dfly/usr/lib/gcc80/crtbegin.o" "clang's -### output"

# A launcher in front of clang.
cat >launcher.sh <<'SH'
#!/bin/sh
echo "launcher saw: $1" >>"$(dirname "$0")/launcher.log"
exec "$@"
SH
chmod +x launcher.sh
XPORT_LAUNCHER="$WORK/launcher.sh" step "$XPORT" cc "${t[@]}" @args.rsp
expect_contains "$(cat launcher.log)" "launcher saw: " "launcher log"
expect_contains "$(cat launcher.log)" "clang" "launcher log"

# Errors that say what to do.
expect_status 1 env XPORT_CLANG=/nonexistent/clang "$XPORT" cc "${t[@]}" "my prog.c"
expect_contains "$OUT" "XPORT_CLANG" "missing clang error"
expect_status 1 env PATH=/nonexistent "$XPORT" cc "${t[@]}" "my prog.c"
expect_contains "$OUT" "apt-get install clang-${XPORT_CLANG:-19} lld-${XPORT_CLANG:-19}" "missing clang error"
expect_status 2 "$XPORT" cc --target x86_64-unknown-dragonfly "my prog.c"
expect_contains "$OUT" "xport sysroot import MEDIA --target x86_64-unknown-dragonfly" "missing sysroot error"
expect_status 1 "$XPORT" cc --target x86_64-unknown-dragonfly --sysroot nosuchname "my prog.c"
expect_contains "$OUT" "xport sysroot import MEDIA --target x86_64-unknown-dragonfly --name nosuchname" \
  "unknown sysroot name error"
expect_status 2 "$XPORT" cc "my prog.c"
expect_contains "$OUT" "--target" "missing --target error"
expect_status 2 "$XPORT" cc --target x86_64-unknown-dragonfy "my prog.c"
expect_contains "$OUT" "x86_64-unknown-dragonfly" "did you mean"
# clang's own failure comes back as clang's exit status.
echo 'int main(void) { return undefined_symbol(); }' >broken.c
expect_status 1 "$XPORT" cc "${t[@]}" broken.c -o broken
echo "PASS: print-command, verbose, -###, response files, launcher and errors"
