#!/usr/bin/env bash
# `xport abi check-rust` on FreeBSD 13.2's real headers and the libc crate Rust 1.96's library
# source vendors (libc 0.2.183, compiled by rustc for x86_64-unknown-freebsd with cfg freebsd13,
# which the headers' __FreeBSD_version selects): the comparison runs and says what it compared, and
# `struct stat` matches. Then a copy of the crate whose FreeBSD 13 `struct stat` has `st_nlink: u16`
# instead of nlink_t (uint64_t): check-rust names stat's fields, with both values and where each is
# defined, and exits 1.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/rust_lib.bash"
base=$(real_media freebsd-13.2-amd64-base.txz)
require_vendored_rust
libc_src=$(ls -d /usr/lib/rustlib/src/rust/library/vendor/libc-0.* 2>/dev/null | sort -V | tail -1)
[ -n "$libc_src" ] || skip "the library source vendors no libc crate (library/vendor/libc-*)"
cd "$WORK"

step "$XPORT" sysroot import "$base" --target x86_64-unknown-freebsd >/dev/null
sysroot=$XPORT_HOME/sysroots/x86_64-unknown-freebsd/root

# A rustc without its library source (rustup's nightly here): the error names the installed one
# that has it and the option that picks it.
nightly_sysroot=$(~/.rustup/toolchains/nightly-*/bin/rustc --print sysroot 2>/dev/null || true)
if [ -n "$nightly_sysroot" ] && [ ! -d "$nightly_sysroot/lib/rustlib/src/rust/library/core" ] &&
  [ "$RUSTC_1_96" = /usr/bin/rustc ]; then
  expect_status 1 "$XPORT" abi check-rust --target x86_64-unknown-freebsd --sysroot "$sysroot" \
    --toolchain nightly
  echo "$OUT" | tail -3
  expect_contains "$OUT" "has no library source"
  expect_contains "$OUT" "(/usr/bin/rustc) has its library source: pass --rustc /usr/bin/rustc"
fi

# The vendored libc as it is. Other records may differ (the crate is compared with one release's
# headers), so the status is 0 or 1; stat must not be among the differences.
started=$(date +%s.%N)
echo "\$ xport abi check-rust --target x86_64-unknown-freebsd --sysroot $sysroot --rustc $RUSTC_1_96"
status=0
OUT=$("$XPORT" abi check-rust --target x86_64-unknown-freebsd --sysroot "$sysroot" \
  --rustc "$RUSTC_1_96" 2>&1) || status=$?
echo "$OUT" | tail -40
echo "check-rust took $(elapsed_since "$started") s (the first run builds core for the target)"
[ "$status" -le 1 ] || fail "check-rust exited $status on the vendored libc"
expect_contains "$OUT" "libc 0.2"
expect_contains "$OUT" "freebsd13"
expect_contains "$OUT" "__FreeBSD_version 1302"
expect_contains "$OUT" "constants compared"
expect_not_contains "$OUT" "MISMATCH stat:"
expect_not_contains "$OUT" "MISMATCH stat."
# The summary counts real work: stat at least, and the errno constants.
summary=$(grep -E '^(OK|FAILED): ' <<<"$OUT") || fail "no summary line"
records=$(sed -E 's/^[A-Z]+: ([0-9]+) records.*/\1/' <<<"$summary")
constants=$(sed -E 's/.* and ([0-9]+) constants compared.*/\1/' <<<"$summary")
[ "$records" -ge 20 ] || fail "only $records records compared: $summary"
[ "$constants" -ge 100 ] || fail "only $constants constants compared: $summary"

# --json has the same verdict, with the compared counts.
json_status=0
"$XPORT" abi check-rust --target x86_64-unknown-freebsd --sysroot "$sysroot" \
  --rustc "$RUSTC_1_96" --json >report.json 2>report.err || json_status=$?
[ "$json_status" -eq "$status" ] || { cat report.err; fail "--json exited $json_status, not $status"; }
python3 - "$records" report.json <<'PY' || fail "--json does not agree with the text report"
import json, sys
report = json.load(open(sys.argv[2]))
assert report["crate"]["name"] == "libc", report["crate"]
assert report["compared"]["records"] == int(sys.argv[1]), report["compared"]
assert not [m for m in report["mismatches"] if m["name"] == "stat"], report["mismatches"]
assert any(n["why"] == "not in the crate" for n in report["not-compared"])
PY

# The same crate with one wrong type in FreeBSD 13's struct stat.
cp -r "$libc_src" libc-mutated
chmod -R u+w libc-mutated
stat_rs=libc-mutated/src/unix/bsd/freebsdlike/freebsd/freebsd13/mod.rs
grep -q 'pub st_nlink: crate::nlink_t,' "$stat_rs" || fail "$stat_rs has no st_nlink: nlink_t"
sed -i 's/pub st_nlink: crate::nlink_t,/pub st_nlink: u16,/' "$stat_rs"
line=$(grep -n 'pub st_nlink: u16,' "$stat_rs" | cut -d: -f1)

expect_status 1 "$XPORT" abi check-rust --target x86_64-unknown-freebsd --sysroot "$sysroot" \
  --rustc "$RUSTC_1_96" --crate "$WORK/libc-mutated"
echo "$OUT" | grep -A2 'MISMATCH stat' || true
# stat keeps its size (st_rdev's alignment absorbs the 6 bytes); the fields after st_nlink move.
expect_contains "$OUT" "MISMATCH stat.st_nlink: field size differs"
expect_contains "$OUT" "MISMATCH stat.st_mode: offset differs"
# Both values, and where each is defined: the C header and the mutated Rust line.
expect_contains "$OUT" "  C:    8 "
expect_contains "$OUT" "  Rust: 2 "
expect_contains "$OUT" "sys/stat.h:"
expect_contains "$OUT" "src/unix/bsd/freebsdlike/freebsd/freebsd13/mod.rs:$line)"
expect_contains "$OUT" "FAILED: "
echo "ok"
