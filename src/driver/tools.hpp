// Finding the programs a cross build runs: clang (XPORT_CLANG, else clang-14, else clang in PATH),
// its linker (ld.lld beside clang or in PATH, or GNU ld where lld cannot link the target), the LLVM
// binutils (llvm-ar ...), and the launcher (XPORT_LAUNCHER). A missing one is an error that says
// which and the command that installs it. Only the file system is looked at: no process runs.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "driver/command_line.hpp"
#include "target/profile.hpp"
#include "util/process.hpp"

namespace xport::driver {

struct FoundClang {
  std::filesystem::path c;   // clang
  std::filesystem::path cxx; // clang++ beside it ("" when there is none: use --driver-mode=g++)
  std::filesystem::path bin; // the folder clang really lives in (/usr/lib/llvm-14/bin)
  int major = 0;             // from that folder's name or clang's own, 0 when unknown
};

// Throws xport::Error naming the missing program and the command that installs it.
FoundClang find_clang(const util::Environment& env);

// An LLVM tool ("llvm-ar", "llvm-nm" ...): beside clang first, then "<name>-<major>" and "<name>"
// in PATH. Throws like find_clang.
std::filesystem::path find_llvm_tool(std::string_view name, const FoundClang& clang,
                                     const util::Environment& env);

// The flag that makes clang link with the right linker for the profile: "-fuse-ld=lld", or
// "--ld-path=<GNU ld>" where lld of this version cannot link the target's objects (RISC-V
// relaxation before lld 15). Throws when the needed linker is missing.
std::string linker_flag(const target::Profile& profile, const FoundClang& clang,
                        const util::Environment& env);

// Everything build_command needs to know about the tools, for `language`.
Toolchain find_toolchain(const target::Profile& profile, Language language, bool links,
                         const util::Environment& env);

} // namespace xport::driver
