// The cargo command `xport cargo T ARGS...` runs, as a pure function of its inputs (so every case
// is a unit test): the toolchain's own cargo and rustc, `-Z build-std=std,panic_abort` (or
// core,alloc without std), --target <derived spec>, a target folder per profile, panic=abort
// through cargo's profile variables where the profile says so, and RUSTC_BOOTSTRAP=1 only for a
// toolchain that is not a nightly.
//
// Cargo's side: https://doc.rust-lang.org/cargo/reference/unstable.html#build-std and
// https://doc.rust-lang.org/cargo/reference/environment-variables.html (CARGO_PROFILE_*_PANIC).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "util/process.hpp"

namespace xport::rust {

struct CargoRequest {
  std::filesystem::path cargo;
  std::filesystem::path rustc;
  std::filesystem::path rustdoc; // empty: none beside rustc
  bool nightly = false;
  // Cargo from late 2025 on wants -Zjson-target-spec for a .json --target (probed from
  // `cargo -Z help`).
  bool json_target_spec_flag = false;
  std::filesystem::path spec_file; // <...>/<T>.json
  std::string target_name;
  bool has_std = true;
  std::string panic;                    // "abort", "unwind" or "" (the base target's)
  std::filesystem::path workspace_root; // target folder default: <root>/target/xport-<T>
  std::vector<std::string> user_args;   // subcommand first: {"build", "--release"}
  util::Environment env;                // the caller's environment
};

struct CargoPlan {
  std::vector<std::string> argv;
  util::Environment env;
  // The variables xport set or removed, "NAME=value" / "-NAME", for printing the command.
  std::vector<std::string> env_changes;
};

// Throws UsageError for a missing or unsupported subcommand, or a --target of the user's own.
CargoPlan plan_cargo(const CargoRequest& request);

// The cargo subcommands xport cargo runs (those that compile for a target), sorted.
const std::vector<std::string>& cargo_build_subcommands();

} // namespace xport::rust
