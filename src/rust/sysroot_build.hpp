// Building a Rust sysroot (core, compiler_builtins, alloc) for a derived target straight with
// rustc, without cargo: for no_std work on toolchains where `cargo -Z build-std` cannot run (no
// Cargo.lock in the library source, or dependencies that cannot be fetched). The result is the
// layout rustc searches, <dir>/lib/rustlib/<target>/lib/lib<crate>-<hash>.rlib, used with
// `rustc --sysroot <dir>` or cargo's RUSTFLAGS="--sysroot <dir>".
//
// The rustc invocations follow what cargo -Z build-std and the crates' build scripts do:
// rust-lang/wg-cargo-std-aware, cargo's core/compiler/standard_lib.rs, and compiler_builtins'
// build.rs (the cfgs below are the ones it prints for a target).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "rust/spec.hpp"
#include "rust/toolchain.hpp"
#include "util/process.hpp"

namespace xport::rust {

// A crate's source: its folder (holding Cargo.toml), version and edition.
struct CrateSource {
  std::string name;
  std::filesystem::path dir;
  std::string version; // from Cargo.toml
  std::string edition; // from Cargo.toml; "2015" when absent
};

// Crate versions by their dot-separated numbers: "0.1.70" is older than "0.1.108".
bool older_version(const std::string& a, const std::string& b);

// Reads name, version and edition from <dir>/Cargo.toml.
CrateSource read_crate(const std::filesystem::path& dir);

// Where compiler_builtins' source is, in the order tried: in the library itself (Rust 1.88+:
// library/compiler-builtins/compiler-builtins), vendored beside it (rustc source tarballs:
// <src>/vendor/compiler_builtins*), cargo's registry
// ($CARGO_HOME/registry/src/*/compiler_builtins-*) and Debian's packaged crates
// (/usr/share/cargo/registry/compiler_builtins-*, from librust-compiler-builtins-dev). The newest
// version found first wins. Throws with the places searched and how to get it.
CrateSource find_compiler_builtins(const Toolchain& toolchain, const util::Environment& env,
                                   const std::vector<std::filesystem::path>& extra_registries = {});

struct SysrootInputs {
  std::filesystem::path rustc;
  std::filesystem::path spec_file; // the derived spec; its stem is the target name
  std::string target_name;
  nlohmann::json spec;             // its content: os and arch choose compiler_builtins' cfgs
  std::vector<CrateSource> crates; // in build order: core, compiler_builtins, alloc
  std::string panic;               // "abort": the crates are built with -C panic=abort
  std::string key;                 // digest of everything above and the toolchain
};

// The inputs for `crates` (core, compiler_builtins, alloc: names in build order) from the
// toolchain's library source, with a key over everything the build depends on: rustc -vV and
// path, the spec, the panic strategy, and each crate's source folder and version.
SysrootInputs sysroot_inputs(const Toolchain& toolchain, const RustTarget& target,
                             const std::filesystem::path& spec_file, const nlohmann::json& spec,
                             const std::vector<std::string>& crates, const util::Environment& env);

struct RustcStep {
  std::string crate;
  std::vector<std::string> argv;
};

// The rustc command for each crate, building into `dir` (pure: for tests and --dry-run).
std::vector<RustcStep> plan_sysroot(const SysrootInputs& inputs, const std::filesystem::path& dir);

// The compiler_builtins cfgs for a target (its build.rs, 0.1.x): feature="unstable" always,
// "mem" where there is no libc, "mem-unaligned" on x86 and aarch64, thumb ones on Thumb.
std::vector<std::string> compiler_builtins_cfgs(const nlohmann::json& spec,
                                                const std::string& target_name);

struct SysrootResult {
  std::filesystem::path dir;     // the sysroot: pass to --sysroot
  std::filesystem::path lib_dir; // <dir>/lib/rustlib/<target>/lib
  std::filesystem::path spec_file;
  bool rebuilt = false;
  double seconds = 0;
};

// Builds (or reuses, when <dir>/xport-sysroot.json has the same key) the sysroot into `dir`,
// under a lock on <dir>.lock; the stamp is written last, so an interrupted build is redone. The
// spec is copied to <dir>/<target>.json: name that file as --target when using the sysroot.
SysrootResult build_sysroot(const Toolchain& toolchain, const SysrootInputs& inputs,
                            const std::filesystem::path& dir, const util::Environment& env);

} // namespace xport::rust
