#!/usr/bin/env bash
# xport check of FreeBSD shared libraries against FreeBSD 13.2's real base.txz: `environ` and
# `__progname` are defined by every program's crt1.o, not by a library (FreeBSD's own libc.so.7
# refers to them undefined), so a library that uses them is not reported; a reference to
# something really absent still is.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
T=x86_64-unknown-freebsd
step "$XPORT" sysroot import "$(real_media freebsd-13.2-amd64-base.txz)" --target "$T" >/dev/null
root="$XPORT_HOME/sysroots/$T/root"

symbols=$(nm -D "$root/lib/libc.so.7")
grep -q ' U environ$' <<<"$symbols" ||
  fail "FreeBSD's libc.so.7 no longer refers to environ undefined: the scenario shows nothing"
expect_status 0 "$XPORT" check --target "$T" "$root/lib/libc.so.7"
expect_not_contains "$OUT" "environ"

cat >env.c <<'C'
#include <unistd.h>
extern char **environ;
extern const char *__progname;
int count_env(void) { int n = 0; while (environ[n]) ++n; return n + (__progname != 0); }
C
step "$XPORT" cc --target "$T" -fPIC -shared -Wl,-soname,libenv.so.1 env.c -o libenv.so.1
expect_status 0 "$XPORT" check --target "$T" libenv.so.1
expect_not_contains "$OUT" "undefined-symbol"

# A program must define them itself (crt1.o does): only libraries get the pass.
printf 'int absent_everywhere(void);\nint f(void) { return absent_everywhere(); }\n' >absent.c
step "$XPORT" cc --target "$T" -fPIC -shared absent.c -o libabsent.so
expect_status 1 "$XPORT" check --target "$T" libabsent.so
expect_contains "$OUT" "error [undefined-symbol]: refers to \`absent_everywhere\`"
echo "ok"
