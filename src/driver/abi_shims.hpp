// Functions that the newest toolchains' libraries call and a symbol ABI lacks, supplied by a small
// runtime xport builds for the target from the profile's [symbol-abi.shims] (as it builds the
// emulated-TLS runtime): Rust's std for FreeBSD calls pthread_getthreadid_np and
// pthread_setname_np, which Genode's libc does not have.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "driver/command_line.hpp"
#include "target/profile.hpp"
#include "util/process.hpp"

namespace xport::driver {

// The C code of each shim xport knows, by the symbol it defines.
struct ShimCode {
  std::string_view symbol;
  std::string_view code;
};
std::span<const ShimCode> known_shims();

// The runtime's C source for the profile's shims. Throws xport::Error naming the profile and the
// shim when xport has no code for one (with "did you mean").
std::string shims_source(const target::Profile& profile);

// libxport_shims.a for the profile and sysroot, built on first use and cached under `cache_root`.
std::filesystem::path ensure_shims_runtime(const target::Profile& profile,
                                           const SysrootView& sysroot, const util::Environment& env,
                                           const std::filesystem::path& cache_root);

} // namespace xport::driver
