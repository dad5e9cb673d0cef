# What Debian 12's qemu-user does not emulate: tests/e2e/fixtures/qemu_gaps.c probes system calls
# and socket options natively and under `xport run` for aarch64, riscv64 and armhf, and every
# difference must be a row of docs/run.md's table "qemu-user gaps", with the error qemu gives, and
# every row must still be a difference (the table cannot go stale). `xport run --explain` and
# `xport shell --explain` name a gap the program met, on standard error.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fixtures/cross.sh"
cd "$WORK"
probes=$XPORT_SOURCE_DIR/tests/e2e/fixtures/qemu_gaps.c
doc=$XPORT_SOURCE_DIR/docs/run.md
gcc -O1 -pthread -o native "$probes"
./native >native.txt
cat native.txt

# The table's rows: | `probe` | what | aarch64 | riscv64 | arm |
table=$(sed -n '/^### qemu-user gaps/,/^#/p' "$doc" | grep -E '^\| `[a-z0-9_]+` \|' |
  awk -F'|' '{gsub(/[ `]/, "", $2); gsub(/ /, "", $4); gsub(/ /, "", $5); gsub(/ /, "", $6); print $2, $4, $5, $6}')
[ -n "$table" ] || fail "docs/run.md has no 'qemu-user gaps' table rows"
column=2
for row in "arm64:aarch64-unknown-linux-gnu:aarch64" "riscv64:riscv64-unknown-linux-gnu:riscv64" \
           "armhf:armv7-unknown-linux-gnueabihf:arm"; do
  IFS=: read -r deb_arch target qemu <<<"$row"
  command -v "qemu-$qemu" >/dev/null || fail "qemu-$qemu is missing (apt-get install qemu-user)"
  debian_sysroot "$deb_arch" "$target" >/dev/null
  step "$XPORT" cc --target "$target" -O1 -pthread -o "probes-$qemu" "$probes"
  "$XPORT" run --target "$target" "./probes-$qemu" >"$qemu.txt"
  # A gap: natively ok, under qemu not.
  observed=$(join <(sort native.txt) <(sort "$qemu.txt") | awk '$2 == "ok" && $3 != "ok" {print $1, $3}')
  echo "--- $target: $observed"
  while read -r probe got; do
    [ -n "$probe" ] || continue
    want=$(awk -v p="$probe" -v c="$column" '$1 == p {print $c}' <<<"$table")
    [ "$want" = "$got" ] || fail "$target: $probe gives $got under qemu, docs/run.md's table says '${want:-nothing}'"
  done <<<"$observed"
  while read -r probe aarch64 riscv64 arm; do
    want=$(awk -v c="$column" '{print $c}' <<<"$probe $aarch64 $riscv64 $arm")
    [ "$want" = ok ] && continue
    grep -qx "$probe ok" native.txt || { echo "note: $probe fails natively here; row not checked"; continue; }
    grep -qx "$probe $want" "$qemu.txt" ||
      fail "docs/run.md lists $probe as $want under qemu-$qemu, but it gave: $(grep "^$probe " "$qemu.txt")"
  done <<<"$table"
  column=$((column + 1))
done

# --explain names the gap the program met, once, and ends as the program ended.
expect_status 1 "$XPORT" run --target aarch64-unknown-linux-gnu --explain ./probes-aarch64 \
  ip_multicast_if io_uring_setup ip_multicast_if
expect_contains "$OUT" "xport: qemu-user does not emulate setsockopt(IPPROTO_IP, IP_MULTICAST_IF) (docs/run.md, 'qemu-user gaps'); the program may have failed because of it"
expect_contains "$OUT" "xport: qemu-user does not emulate the system call io_uring_setup (425)"
[ "$(grep -c 'IP_MULTICAST_IF)' <<<"$OUT")" -eq 1 ] || fail "the gap was named more than once: $OUT"
expect_not_contains "$OUT" "system call number" "glibc's rseq registration must not be reported"
expect_status 0 env XPORT_VERBOSE=1 "$XPORT" run --target riscv64-unknown-linux-gnu ./probes-riscv64 ip_multicast_ttl
expect_not_contains "$OUT" "does not emulate"
# Without it, nothing is said (and qemu is exec'd: no log option in the command).
expect_status 1 "$XPORT" run --target aarch64-unknown-linux-gnu ./probes-aarch64 io_uring_setup
expect_not_contains "$OUT" "does not emulate"
expect_not_contains "$("$XPORT" run --target aarch64-unknown-linux-gnu --print-command ./probes-aarch64)" "-d unimp"
# Inside xport shell, every qemu of the tree logs, and the shell names the gaps at the end.
if command -v proot >/dev/null; then
  expect_status 1 "$XPORT" shell --target aarch64-unknown-linux-gnu --explain -- \
    sh -c './probes-aarch64 ipv6_multicast_if; "$0" run --target aarch64-unknown-linux-gnu ./probes-aarch64 openat2' "$XPORT"
  expect_contains "$OUT" "does not emulate setsockopt(IPPROTO_IPV6, IPV6_MULTICAST_IF)"
  expect_contains "$OUT" "does not emulate the system call openat2 (437)"
fi
echo "ok: docs/run.md's qemu-user gaps hold for aarch64, riscv64 and arm, and --explain names them"
