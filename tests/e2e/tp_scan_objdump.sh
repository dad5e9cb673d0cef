#!/usr/bin/env bash
# The thread-pointer scan is exact: on x86_64 the addresses `xport check` reports (thread-pointer
# reads and stack-protector canary reads together) are the addresses of the lines `objdump -d`
# prints with "%fs:", for programs this test builds (TLS, stack protector, PIC and non-PIC) and
# for the machine's libLLVM-14.so.1 (110 MB; objdump needs about 20 s on it).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/elf_fixtures.bash"
command -v objdump >/dev/null || skip "objdump (binutils) is not installed"
cd "$WORK"

write_tls_program tls.c
cat >canary.c <<'C'
#include <string.h>
_Thread_local char scratch[64];
int copy(const char* s) { char buf[32]; strncpy(buf, s, sizeof buf - 1); buf[31] = 0; strcpy(scratch, buf); return (int)strlen(buf); }
int main(int argc, char** argv) { return copy(argc > 1 ? argv[1] : "x"); }
C
step clang -O2 -fstack-protector-all tls.c -o tls-linux
step clang -O2 -fstack-protector-strong -fPIE -pie canary.c -o canary-pie
step clang -O2 -fstack-protector-all -fPIC -shared canary.c -o libcanary.so
step clang -O1 -c -ftls-model=initial-exec -fPIC canary.c -o canary-ie.o
files=(tls-linux canary-pie libcanary.so canary-ie.o)
llvm=/usr/lib/x86_64-linux-gnu/libLLVM-14.so.1
if [ -f "$llvm" ]; then
  files+=("$llvm")
else
  echo "note: $llvm not found; comparing on the test's own binaries only"
fi

for f in "${files[@]}"; do
  objdump -d --no-show-raw-insn "$f" | awk -F: '/%fs:/ {gsub(/ /, "", $1); print $1}' | sort -u >objdump.txt
  got=0
  "$XPORT" check --target x86_64-unknown-genode --only thread-pointer-read \
    --only stack-protector-canary --json "$f" >xport.json || got=$?
  [ "$got" -le 1 ] || fail "xport check $f exited $got"
  python3 - xport.json >xport.txt <<'PY'
import json, sys
for f in json.load(open(sys.argv[1]))["findings"]:
    for a in f["addresses"]:
        print(format(int(a, 16), "x"))
PY
  sort -u -o xport.txt xport.txt
  [ -s objdump.txt ] || fail "objdump found no %fs: in $f: the fixture is wrong"
  if ! diff -q objdump.txt xport.txt >/dev/null; then
    diff objdump.txt xport.txt | head -20 >&2
    fail "$f: xport's thread-pointer addresses differ from objdump's %fs: lines"
  fi
  echo "$f: $(wc -l <xport.txt) addresses, same as objdump"
done
echo "ok"
