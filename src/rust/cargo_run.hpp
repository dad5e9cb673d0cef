// Everything `xport cargo` does before exec'ing cargo: find the toolchain's cargo, check that
// build-std can work with this toolchain's library source, derive the spec, ask cargo what it
// needs, find the workspace, say which standard library build serves the spec
// (rust/std_build.hpp), and plan the command (rust/cargo_plan.hpp).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "rust/cargo_plan.hpp"
#include "rust/spec_store.hpp"
#include "rust/std_build.hpp"
#include "rust/toolchain.hpp"

namespace xport::rust {

// Throws xport::Error when `cargo -Z build-std` cannot build the standard library with this
// toolchain: no cargo, no library source, or no Cargo.lock in it (the locked versions of the
// library's dependencies, which Debian's rust-src does not ship); each with what to do.
void require_build_std(const Toolchain& toolchain, const util::Environment& env);

struct PreparedCargo {
  CargoPlan plan;
  SpecFile spec;
  StdBuild std_build;            // ensure_std_sysroot(std_build) before running plan
  std::string build_std_problem; // why build-std will fail, when not `require`d (a dry run)
};

PreparedCargo prepare_cargo(const Toolchain& toolchain, const RustTarget& target,
                            const std::filesystem::path& xport,
                            const std::vector<std::string>& user_args, const util::Environment& env,
                            const std::vector<std::string>& runner, bool require = true);

} // namespace xport::rust
