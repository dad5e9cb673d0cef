#!/usr/bin/env bash
# The Rust errors a user meets, each with what was wrong and what to do: no such toolchain, no
# rust-src, an override key the toolchain does not know, a value it rejects, and rustc failing to
# validate the derived spec.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/rust_lib.bash"
cd "$WORK"
rustup_toolchains | grep -qx nightly || skip "no rustup nightly toolchain here"
mkdir -p "$XDG_CONFIG_HOME/xport/targets"

# 1. No such toolchain.
expect_status 1 "$XPORT" rust spec x86_64-unknown-linux-gnu --toolchain nightyl
expect_contains "$OUT" "xport: error: no Rust toolchain 'nightyl'"
expect_contains "$OUT" "did you mean 'nightly'"
expect_contains "$OUT" "rustup toolchain install nightyl"

# 2. No rust-src (rustup's nightly here has none, and none can be fetched).
nightly_sysroot=$(~/.rustup/toolchains/nightly-*/bin/rustc --print sysroot)
if [ ! -d "$nightly_sysroot/lib/rustlib/src/rust/library/core" ]; then
  mkdir hello && (cd hello && printf '[package]\nname = "hello"\nversion = "0.1.0"\nedition = "2021"\n' >Cargo.toml && mkdir src && echo 'fn main() {}' >src/main.rs)
  (cd hello && expect_status 1 "$XPORT" cargo x86_64-unknown-linux-gnu --toolchain nightly build &&
    expect_contains "$OUT" "has no library source" &&
    expect_contains "$OUT" "rustup component add rust-src --toolchain nightly-")
  expect_status 1 "$XPORT" rust sysroot x86_64-unknown-linux-gnu --toolchain nightly
  expect_contains "$OUT" "rustup component add rust-src --toolchain nightly-"
  # Debian's rustc has its library source: both errors name it and the option that picks it.
  if [ -f /usr/lib/rustlib/src/rust/library/core/Cargo.toml ]; then
    expect_contains "$OUT" "(/usr/bin/rustc) has its library source: pass --rustc /usr/bin/rustc"
    (cd hello && expect_status 1 "$XPORT" cargo x86_64-unknown-linux-gnu --toolchain nightly build &&
      expect_contains "$OUT" "(/usr/bin/rustc) has its library source: pass --rustc /usr/bin/rustc")
  fi
fi

# 3. An override key the toolchain does not know (a typo).
cat >"$XDG_CONFIG_HOME/xport/targets/typo.toml" <<'TOML'
name = "x86_64-linux-typo"
inherits = "x86_64-unknown-linux-gnu"
description = "test profile with a misspelled Rust override"
[rust]
base = "x86_64-unknown-linux-gnu"
overrides = { tls-modle = "emulated" }
TOML
expect_status 1 "$XPORT" rust spec x86_64-linux-typo --toolchain nightly
expect_contains "$OUT" "typo.toml:6:15: rust.overrides.tls-modle"
expect_contains "$OUT" "rust.overrides.tls-modle"
expect_contains "$OUT" "does not know the target-spec field 'tls-modle' (did you mean 'tls-model'?)"
expect_contains "$OUT" "rustc 1.9"

# 4. A value the toolchain rejects, and no fallback.
cat >"$XDG_CONFIG_HOME/xport/targets/nofallback.toml" <<'TOML'
name = "x86_64-linux-emutls-only"
inherits = "x86_64-unknown-linux-gnu"
description = "test profile: emulated TLS, no fallback"
[rust]
base = "x86_64-unknown-linux-gnu"
overrides = { tls-model = "emulated" }
TOML
cat >"$XDG_CONFIG_HOME/xport/targets/badvalue.toml" <<'TOML'
name = "x86_64-linux-badvalue"
inherits = "x86_64-unknown-linux-gnu"
description = "test profile: a TLS model no rustc has"
[rust]
base = "x86_64-unknown-linux-gnu"
overrides = { tls-model = "segmented" }
TOML
expect_status 1 "$XPORT" rust spec x86_64-linux-badvalue --toolchain nightly
expect_contains "$OUT" "rejects tls-model = \"segmented\""

# 5. rustc failing to validate the derived spec: a rustc that refuses every JSON target.
real=$(ls -d ~/.rustup/toolchains/nightly-*/bin/rustc | head -1)
mkdir -p fake/bin
cat >fake/bin/rustc <<SH
#!/bin/sh
case "\$*" in
  *"--print sysroot"*) echo "$WORK/fake" ;;
  *"--print cfg"*.json*) echo "error: error loading target specification: data-layout: LLVM rejects it" >&2; exit 1 ;;
  *) exec "$real" "\$@" ;;
esac
SH
chmod +x fake/bin/rustc
expect_status 1 "$XPORT" rust spec x86_64-unknown-linux-gnu --rustc fake/bin/rustc
expect_contains "$OUT" "does not accept the spec derived from its own target 'x86_64-unknown-linux-gnu'"
expect_contains "$OUT" "data-layout: LLVM rejects it"
echo "ok"
