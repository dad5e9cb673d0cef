// The standard library for a derived target, built once per (toolchain, spec) with cargo's own
// `-Z build-std` and kept as a sysroot folder, <dir>/lib/rustlib/<T>/lib/*.rlib, that every later
// `xport cargo` build for the same spec names with `rustc --sysroot <dir>`: std is not rebuilt per
// project or per target folder, and the user's build runs without -Z build-std.
//
// The build happens in a private workspace in the cache (one empty crate), so only the standard
// library's dependencies are resolved there. When the toolchain's library source has `vendor/`
// (Debian's rust-web-src, rustc source tarballs), crates.io is replaced by that folder for this
// build alone, with --offline: no network, and the user's own dependencies are never touched.
//
// Cargo's side: https://doc.rust-lang.org/cargo/reference/unstable.html#build-std and
// https://doc.rust-lang.org/cargo/reference/source-replacement.html (directory sources).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "rust/cargo_plan.hpp"
#include "rust/spec_store.hpp"
#include "rust/toolchain.hpp"

namespace xport::rust {

struct StdBuild {
  std::filesystem::path cargo;
  std::filesystem::path rustc;
  bool nightly = false;
  bool json_target_spec_flag = false;
  std::filesystem::path spec_file; // the derived spec; its stem is the target name
  std::string target_name;
  std::string host;                        // rustc's host triple
  std::filesystem::path toolchain_sysroot; // rustc --print sysroot
  std::filesystem::path library;           // the toolchain's library source
  std::filesystem::path vendor;      // <library>/vendor, or empty: dependencies from crates.io
  std::vector<std::string> crates;   // -Z build-std=<crates>
  std::vector<std::string> features; // -Z build-std-features=<features>, when any
  std::string key;                   // digest of everything the result depends on
  std::filesystem::path dir;         // the sysroot: <cache>/rust/std/<T>-<key>
  // <dir>/lib/rustlib/<T>/lib, where the rlibs go.
  std::filesystem::path lib_dir() const;
};

// What to build for `target` with this toolchain and spec: std, panic_abort and test (so that
// `cargo test` works too) for a profile with std, core and alloc without. Reads only files.
StdBuild std_build_of(const Toolchain& toolchain, const RustTarget& target, const SpecFile& spec,
                      bool json_target_spec_flag, const util::Environment& env);

// The Cargo.toml of the private workspace the build runs in (pure).
std::string std_workspace_manifest(const StdBuild& build);

// The cargo command that builds it in `workspace` into `target_dir` (pure: for tests and
// --dry-run). The user's RUSTFLAGS, target folder and cargo profile variables are removed: the
// cached std must not depend on what one project set.
CargoPlan plan_std_build(const StdBuild& build, const std::filesystem::path& workspace,
                         const std::filesystem::path& target_dir, const util::Environment& env);

struct StdSysroot {
  std::filesystem::path dir;
  bool built = false; // false: found in the cache
  double seconds = 0;
};

// Whether build.dir holds a complete build with build.key (its stamp, written last).
bool std_sysroot_ready(const StdBuild& build);

// Builds the sysroot unless std_sysroot_ready, under a lock on <dir>.lock: in a scratch folder
// beside it, renamed into place when complete, so an interrupted build leaves nothing half done;
// scratch folders of builds whose process is gone are removed first.
// Cargo's progress goes to standard error. Throws xport::Error naming the toolchain, the target,
// what was missing and what to do.
StdSysroot ensure_std_sysroot(const StdBuild& build, const util::Environment& env);

} // namespace xport::rust
