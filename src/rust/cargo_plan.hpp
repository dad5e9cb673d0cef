// The cargo command `xport cargo T ARGS...` runs, as a pure function of its inputs (so every case
// is a unit test): the toolchain's own cargo and rustc, --target <derived spec>, the standard
// library that rust/std_build.hpp built for that spec named with `--sysroot` in the rustflags, a
// target folder per profile, `xport run` as the runner, panic=abort through cargo's profile
// variables where the profile says so, and RUSTC_BOOTSTRAP=1 only for a toolchain that is not a
// nightly.
//
// Cargo's side: https://doc.rust-lang.org/cargo/reference/config.html (rustflags: the first of
// CARGO_ENCODED_RUSTFLAGS, RUSTFLAGS, target.<T>.rustflags, build.rustflags is used; runner) and
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
  std::filesystem::path std_sysroot;    // rustc --sysroot: the standard library built for the spec
  std::vector<std::string> runner;      // `xport run ...` for run/test/bench; empty: none
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

// Cargo's environment name of a per-target setting: ("aarch64-unknown-linux-gnu", "RUNNER") ->
// CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER.
std::string cargo_target_variable(const std::string& target, const std::string& key);

// The cargo subcommands xport cargo runs (those that compile for a target), sorted.
const std::vector<std::string>& cargo_build_subcommands();

} // namespace xport::rust
