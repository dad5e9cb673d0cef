// Finding the sysroot a command means, and describing it: one rule reads --sysroot NAME|PATH for
// every command (a folder, a sysroot in the store, or "" for the store's sysroot named like the
// target), the same argument handed on to processes that start elsewhere, and the place an error
// says was looked in. `xport cc` looks up on every compile, so the common path reads no file: a
// few stat calls (detect_layout), and the store's list only to explain an error.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "sysroot/layout.hpp"
#include "target/profile.hpp"
#include "util/process.hpp"

namespace xport::sysroot {

// A sysroot found for a target: where it is, its folders, and the one file looked for.
struct FoundSysroot {
  std::filesystem::path root; // absolute
  Layout layout;
  bool has_libgcc = false; // libgcc.a in the gcc folder or a library folder
};

// A folder rather than a store name: anything with a '/', or a folder that exists here.
bool names_a_folder(const std::string& name_or_path);

// The sysroot `name_or_path` names for `profile`: a folder (names_a_folder), else a sysroot in
// the store. "" means the store's sysroot named like the target, or none (nullopt). Throws
// xport::Error, with the import command, for a missing folder or a name the store lacks. Creates
// and cleans nothing in the store.
std::optional<FoundSysroot> open_sysroot(const std::string& name_or_path,
                                         const target::Profile& profile,
                                         const util::Environment& env);

// `name_or_path` as a process started elsewhere (a <target>-cc link, cargo's linker) must get it to
// mean the same sysroot: a folder, by open_sysroot's rule, made absolute; a store name or "" as is.
std::string lasting_sysroot_argument(const std::string& name_or_path);

// For "no sysroot" errors: "in the store '<store>' (no <store>/sysroots/<target>)", the place the
// store's sysroot named like the target was looked for.
std::string where_sysroot_was_looked_for(const target::Profile& profile,
                                         const util::Environment& env);

} // namespace xport::sysroot
