// Finding the programs a cross build runs: clang and its lld (the version XPORT_CLANG or --clang
// asks for, else the newest clang-N in PATH that has its lld beside it, else clang), the LLVM
// binutils (llvm-ar ...), and the launcher (XPORT_LAUNCHER); and holding them to the versions the
// profile needs (min-clang, min-lld). A missing or too old one is an error that says which and the
// command that installs a good one. Only the file system is looked at: no process runs, except
// `clang -dumpversion` for a clang whose version neither its folder nor its name tells when the
// profile sets a minimum.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "driver/command_line.hpp"
#include "target/profile.hpp"
#include "util/process.hpp"

namespace xport::driver {

struct FoundClang {
  std::filesystem::path c;   // clang
  std::filesystem::path cxx; // clang++ beside it ("" when there is none: use --driver-mode=g++)
  std::filesystem::path bin; // the folder clang really lives in (/usr/lib/llvm-19/bin)
  int major = 0; // from that folder's name, clang's own name or -dumpversion; 0: unknown
  std::filesystem::path lld; // the ld.lld clang runs for -fuse-ld=lld: beside it, else in PATH
  int lld_major = 0;         // 0 when unknown
  // Whether clang would run another ld.lld (the one in the folder of the name it was run as) for
  // -fuse-ld=lld, so that lld must be named with --ld-path.
  bool lld_by_path = false;
  std::string chosen_by; // "chosen by --clang/XPORT_CLANG=19", "the newest clang-N in PATH ..."
  std::vector<int> installed;    // the clang-N majors in PATH, newest first
  bool installed_listed = false; // false for an explicit choice, which does not list PATH
  std::string search_path;       // the PATH it was looked for in
  std::vector<std::string> resource_versions; // the folders of its lib/clang ("19")
};

// The clang `chosen` names (a command's --clang: "19", "clang-19", a path), else the one
// XPORT_CLANG names, else the default choice, which lists the folders of PATH and is kept in
// xport's cache for the next run with the same PATH (see clang_cache.hpp). Throws xport::Error
// naming the missing program and the command that installs it.
FoundClang find_clang(const util::Environment& env, std::string_view chosen = {});

// The clang-N majors in the folders of PATH, newest first (each once).
std::vector<int> installed_clang_majors(std::string_view path_list);

// One line naming the tools, for --print-command and XPORT_VERBOSE:
// "clang 19 (/usr/bin/clang-19), ld.lld 19: the newest clang-N in PATH with its lld; ...".
std::string describe(const FoundClang& clang);

// Throws xport::Error when the clang (and, for a link with lld, its lld) is older than the
// profile's min-clang (min-lld): the message names both versions, the profile's reason, and how
// to install and select a newer one.
void require_versions(const target::Profile& profile, FoundClang& clang, bool links_with_lld);

// An LLVM tool ("llvm-ar", "llvm-nm" ...): beside clang first, then "<name>-<major>" and "<name>"
// in PATH, then any installed version's "<name>-N" (their formats do not change between
// versions). Throws like find_clang.
std::filesystem::path find_llvm_tool(std::string_view name, const FoundClang& clang,
                                     const util::Environment& env);

// The flag that makes clang link with the profile's linker: "-fuse-ld=lld", "-fuse-ld=bfd", or
// "--ld-path=PATH" for a linker the profile names by path. Throws when lld is missing.
std::string linker_flag(const target::Profile& profile, const FoundClang& clang);

// Everything build_command needs to know about the tools, for `language`.
// `chosen` as find_clang's.
Toolchain find_toolchain(const target::Profile& profile, Language language, bool links,
                         const util::Environment& env, std::string_view chosen = {});

} // namespace xport::driver
