// What the emitted build-system files (emit.hpp) are made from, gathered from the machine for one
// target: the managed toolchain folder of <target>-cc links (driver/toolchain_links.hpp), the
// sysroot as `xport cc` finds it, the flags of a link for the clang config file, the staging
// folder, and the `xport run` command build tools use as emulator (run/build_tool_runner.hpp).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "driver/command_line.hpp"
#include "sysroot/lookup.hpp"
#include "target/profile.hpp"
#include "util/process.hpp"

namespace xport::integration {

struct Inputs {
  const target::Profile* profile = nullptr;
  std::filesystem::path toolchain_dir;          // where <target>-cc and friends are
  std::optional<sysroot::FoundSysroot> sysroot; // none: the files say how to import one
  std::vector<std::string> runner;              // runs a target program; empty = none
  std::vector<std::string> clang_config;        // the flags for emit clang-cfg (clang_config_flags)
  // Where `cmake --install` and `meson install` put what they build by default: never the host's
  // /usr/local (staging_dir in the store). Searched like the sysroot by the emitted files.
  std::filesystem::path staging_dir;
};

// Gathers the inputs for one target: the managed toolchain folder (installed on first use), the
// sysroot (`sysroot` as sysroot::open_sysroot reads it), the clang config flags and the runner.
// `profile_files` are the --profile files the profile was loaded with; the runner names them
// again. The result points at `profile` (Inputs::profile): keep it alive while using it.
Inputs gather_inputs(const target::Profile& profile, const std::string& sysroot,
                     const std::vector<std::string>& profile_files, const util::Environment& env);

// The default staging folder of a target: <store>/staging/<target>.
std::filesystem::path staging_dir(const util::Environment& env, const target::Profile& profile);

// The flags a link for the profile gets (build_command for "clang <flags> hw.c"), without the
// compiler and the input: what a clang config file holds.
std::vector<std::string> clang_config_flags(const driver::CompilerCommand& link_of_placeholder,
                                            std::string_view placeholder);

} // namespace xport::integration
