// `xport cc` / `xport c++` end to end, minus the printing: finds the sysroot (a folder, a store
// name, or the store's sysroot named like the target), the tools, and, when TLS is emulated and
// the sysroot has no runtime for it, builds xport's own; then builds the command line. The
// command layer prints it and execs it (util::exec: clang replaces xport, nothing waits).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "driver/command_line.hpp"
#include "target/profile.hpp"
#include "util/process.hpp"

namespace xport::driver {

struct CompilerRequest {
  const target::Profile* profile = nullptr;
  std::string sysroot; // --sysroot NAME|PATH; "" = the store's sysroot named like the target
  Language language = Language::c;
  std::vector<std::string> args; // the user's, verbatim
};

// The sysroot `name_or_path` names for `profile`: a folder (anything with a '/' or an existing
// folder), else a sysroot in the store. "" means the store's sysroot named like the target, or
// none (nullopt). Throws xport::Error, with the import command, for a name the store lacks.
std::optional<SysrootView> open_sysroot(const std::string& name_or_path,
                                        const target::Profile& profile,
                                        const util::Environment& env);

// `name_or_path` as a process started elsewhere (a <target>-cc link, cargo's linker) must get it to
// mean the same sysroot: a folder, by open_sysroot's rule, made absolute; a store name or "" as is.
std::string lasting_sysroot_argument(const std::string& name_or_path);

CompilerCommand plan_compiler(const CompilerRequest& request, const util::Environment& env);

// XPORT_VERBOSE=1 (or any value but "" and "0").
bool verbose(const util::Environment& env);

} // namespace xport::driver
