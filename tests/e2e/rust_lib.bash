# Shared by the rust_*.sh scenarios: the derived profile "x86_64 Linux, Rust without FS-based
# thread-locals" as a user profile, a cache shared across scenarios and runs (so core and alloc
# are built once), and the installed toolchains.

# Derived specs, linker wrappers and sysroots are reused across scenarios and runs.
export XDG_CACHE_HOME="$XPORT_TEST_CACHE/xdg-cache"

# The user profile, in the user search path ($XDG_CONFIG_HOME/xport/targets, per scenario); it
# resolves to the same fields every run, so cached specs and sysroots stay valid.
write_nofs_profile() {
  mkdir -p "$XDG_CONFIG_HOME/xport/targets"
  cat >"$XDG_CONFIG_HOME/xport/targets/x86_64-linux-nofs.toml" <<'TOML'
# x86_64 Linux, but no thread-local may be reached through %fs (as on Genode): C gets emulated TLS,
# Rust gets tls-model = "emulated", or on toolchains without it, key-based thread-locals.
name = "x86_64-linux-nofs"
inherits = "x86_64-unknown-linux-gnu"
description = "x86_64 Linux without FS-based thread-locals (test profile)"
tls-model = "emulated"

[rust]
base = "x86_64-unknown-linux-gnu"
overrides = { tls-model = "emulated" }
fallbacks = { tls-model = { has-thread-local = false } }
panic = "abort"
TOML
}

have_debian_rust() {
  [ -x /usr/bin/rustc ] && [ -d /usr/lib/rustlib/src/rust/library/core ]
}

rustup_toolchains() {
  ls "${RUSTUP_HOME:-$HOME/.rustup}/toolchains" 2>/dev/null | sed 's/-.*//' | sort -u
}
