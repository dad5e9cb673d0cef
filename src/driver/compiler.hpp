// `xport cc` / `xport c++` end to end, minus the printing: finds the sysroot (sysroot/lookup.hpp:
// a folder, a store name, or the store's sysroot named like the target), the tools, and, when TLS
// is emulated and the sysroot has no runtime for it, builds xport's own; then builds the command
// line. The command layer prints it and execs it (util::exec: clang replaces xport, nothing
// waits).
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
  std::string clang;             // --clang VERSION|PATH; "" = XPORT_CLANG, else the default choice
};

CompilerCommand plan_compiler(const CompilerRequest& request, const util::Environment& env);

// XPORT_VERBOSE=1 (or any value but "" and "0").
bool verbose(const util::Environment& env);

} // namespace xport::driver
