// The command the emitted build files name for running target programs (CMake's
// CMAKE_CROSSCOMPILING_EMULATOR, Meson's exe_wrapper, Cargo's runner): `xport run` itself, with
// the target, sysroot and profile files spelled out, so ctest, meson test and cargo test run
// cross-built tests through the same choice of native, qemu-user or runner as a user would.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "target/profile.hpp"
#include "util/process.hpp"

namespace xport::run {

// {xport, "run", "--target", T, ["--sysroot", S], ["--profile", F]...}, or empty when programs for
// the profile cannot be run here at all (then build tools must not try to: Meson, for one, runs
// its sanity checks through the wrapper).
std::vector<std::string> build_tool_runner(const std::filesystem::path& xport,
                                           const target::Profile& profile,
                                           const std::optional<std::filesystem::path>& sysroot,
                                           const std::vector<std::string>& profile_files,
                                           const util::Environment& env);

} // namespace xport::run
