// The Rust toolchain xport drives: which rustc (a rustup toolchain by name, a rustc by path, or the
// one on PATH), what it says about itself (rustc -vV), its sysroot, its cargo, and whether its
// library source (rust-src) is installed. Everything that runs rustc or cargo starts here.
#pragma once

#include <filesystem>
#include <string>

#include "util/process.hpp"

namespace xport::rust {

// What the user asked for: at most one of the two; neither means `rustc` on PATH.
struct ToolchainRequest {
  std::string rustup_name;     // --toolchain nightly
  std::filesystem::path rustc; // --rustc /usr/bin/rustc
};

struct Toolchain {
  std::filesystem::path rustc;   // the real compiler, not rustup's proxy
  std::filesystem::path cargo;   // the cargo beside it; empty when there is none
  std::filesystem::path sysroot; // rustc --print sysroot
  std::string rustup_name;       // "nightly-x86_64-unknown-linux-gnu" for a rustup toolchain
  std::string verbose_version;   // all of `rustc -vV`
  std::string release;           // "1.63.0", "1.97.0-nightly"
  std::string commit_hash;       // "e50aa6fba4e6..." or "unknown" (Debian)
  std::string host;              // "x86_64-unknown-linux-gnu"

  // Nightly and dev builds accept -Z flags; stable and beta need RUSTC_BOOTSTRAP=1.
  bool nightly() const;
  // "rustc 1.63.0 (/usr/bin/rustc)", for messages.
  std::string describe() const;
  // `env` plus RUSTC_BOOTSTRAP=1 when this toolchain is not a nightly.
  util::Environment unstable_environment(util::Environment env) const;
  // <sysroot>/lib/rustlib/src/rust/library
  std::filesystem::path library_source() const;
};

// Finds and queries the toolchain. Throws xport::Error naming what was asked for, where it was
// looked for, what exists instead ("did you mean") and how to install it.
Toolchain find_toolchain(const ToolchainRequest& request, const util::Environment& env);

// Throws xport::Error when the library source is missing, saying exactly how to get it for this
// toolchain (rustup component, Debian package, or the folder to fill), and naming another
// installed rustc that has it, with the option that picks it.
void require_library_source(const Toolchain& toolchain, const util::Environment& env);

// "rustc 1.96.0 (/usr/bin/rustc) has its library source: pass --rustc /usr/bin/rustc" for the first
// installed compiler other than `chosen` with its library source (rustup's toolchains, the rustc
// programs in env's PATH, Debian's /usr/bin/rustc); "" when there is none.
std::string with_library_source_instead(const Toolchain& chosen, const util::Environment& env);

// How to install rust-src for this toolchain: "rustup component add rust-src --toolchain X",
// "apt-get install rust-src", ...
std::string library_source_remedy(const Toolchain& toolchain);

// Parses `rustc -vV` output into release and commit hash (pure; for tests).
void parse_verbose_version(const std::string& text, Toolchain& into);

} // namespace xport::rust
