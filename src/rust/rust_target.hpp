// The bridge from a resolved target profile to what the Rust part needs of it (rust/spec.hpp's
// RustTarget): its [rust] settings, where they were set, a fingerprint for cache keys, and how the
// compiler driver selects the same profile again.
#pragma once

#include <filesystem>
#include <vector>

#include "rust/spec.hpp"
#include "target/catalog.hpp"

namespace xport::rust {

// Throws xport::Error when the profile has no [rust] table. `profile_files` are the --profile
// files the profile was loaded with; the driver gets them again, and `sysroot` (a store name or
// a folder; "" = the store's sysroot named like the target) as its --sysroot.
RustTarget rust_target_of(const target::ResolvedProfile& resolved,
                          const std::vector<std::filesystem::path>& profile_files,
                          const std::string& sysroot = "");

} // namespace xport::rust
