# Shared by the genode_*.sh scenarios: what a program linked against Genode's ABI must be.

# check_genode FILE: the facts a Genode loader relies on.
check_genode() {
  local f=$1
  expect_contains "$(readelf -l "$f")" "[Requesting program interpreter: ld.lib.so]" "$f's segments"
  local needed
  needed=$(readelf -d "$f" | sed -n 's/.*Shared library: \[\([^]]*\)\].*/\1/p')
  [ -n "$needed" ] || fail "$f has no NEEDED"
  for n in $needed; do
    case $n in *.lib.so) ;; *) fail "$f needs $n, not a Genode library" ;; esac
  done
  readelf -S -W "$f" | grep -q ' \.hash ' || fail "$f has no .hash"
  ! readelf -S -W "$f" | grep -q ' \.gnu\.hash ' || fail "$f has a .gnu.hash"
  ! readelf -l -W "$f" | grep -q ' TLS ' || fail "$f has PT_TLS"
  [ "$(objdump -d --no-show-raw-insn "$f" | grep -c '%fs:')" = 0 ] || fail "$f reads %fs"
  expect_status 0 "$XPORT" check --target x86_64-unknown-genode "$f"
  echo "$OUT" | tail -1
  expect_contains "$OUT" "0 findings (0 errors)"
  expect_contains "$OUT" "against the genode ABI"
}

