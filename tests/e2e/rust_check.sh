#!/usr/bin/env bash
# `xport check` on Rust output: a std program with thread_local! built the ordinary way for
# x86_64 Linux reads its thread-locals through %fs, which a profile without FS-based TLS forbids:
# check reports it. The same program built with `xport cargo` for that derived profile is clean.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/rust_lib.bash"
cd "$WORK"
"$XPORT" check --help >/dev/null 2>&1 || skip "xport check does not exist in this build"
write_nofs_profile
rustc=$(command -v rustc || true)
[ -n "$rustc" ] || { [ -x /usr/bin/rustc ] && rustc=/usr/bin/rustc; } || skip "no rustc installed"

cat >tl.rs <<'RS'
use std::cell::Cell;
thread_local!(static COUNT: Cell<u32> = Cell::new(0));
#[inline(never)]
fn bump() -> u32 { COUNT.with(|c| { c.set(c.get() + 1); c.get() }) }
fn main() { println!("{}", bump() + bump()); }
RS
step "$rustc" -O tl.rs -o tl-ordinary
expect_contains "$(./tl-ordinary)" "3"
expect_status 1 "$XPORT" check --target x86_64-linux-nofs tl-ordinary
echo "$OUT" | head -5
expect_contains "$OUT" "reads the thread pointer (%fs)"
expect_contains "$OUT" "[thread-pointer-read]"

# The same with std rebuilt for the derived profile.
mkdir -p tl/src
printf '[package]\nname = "tl"\nversion = "0.1.0"\nedition = "2021"\n' >tl/Cargo.toml
cp tl.rs tl/src/main.rs
cd tl
reasons=()
built=""
candidates=()
for t in $(rustup_toolchains); do candidates+=("--toolchain $t"); done
[ -x /usr/bin/rustc ] && candidates+=("--rustc /usr/bin/rustc")
for t in "${candidates[@]}"; do
  # shellcheck disable=SC2086
  if out=$("$XPORT" cargo x86_64-linux-nofs $t build --release 2>&1); then
    built=$t
    break
  fi
  reasons+=("$t: $(grep -m1 'error' <<<"$out")")
done
[ -n "$built" ] || skip "the ordinary build is flagged as expected, but no installed toolchain can build std for x86_64-linux-nofs with cargo -Z build-std: ${reasons[*]}"
program=target/xport-x86_64-linux-nofs/x86_64-linux-nofs/release/tl
expect_contains "$("./$program")" "3"
expect_status 0 "$XPORT" check --target x86_64-linux-nofs "$program"
expect_not_contains "$OUT" "[thread-pointer-read]"
echo "ok (std built with $built)"
