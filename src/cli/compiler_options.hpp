// xport's own options of `xport cc` and `xport c++`, spelled once: in the CLI11 app that
// describe_compiler_options builds, which --help prints and which fills CompilerOptions. They are
// read at the front (until the first other word, or `--`) and, by their long names, anywhere
// among clang's arguments; every other word is clang's, verbatim.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/target_options.hpp"

namespace CLI {
class App;
}

namespace xport::cli {

struct CompilerOptions {
  TargetOptions target;
  std::string sysroot;
  std::string clang;                     // --clang VERSION|PATH: wins over XPORT_CLANG
  std::vector<std::string> max_versions; // --max-version, repeatable
  bool print_command = false;
  bool help = false;             // --help or -h, first only (among clang's words it is clang's)
  std::vector<std::string> rest; // clang's words, in order
};

// Adds the options, bound to `o`, and the help texts; `program` is "xport cc" or "xport c++".
void describe_compiler_options(CLI::App& app, CompilerOptions& o, const std::string& program);

// Reads `args` into `o` through `app` (set up by describe_compiler_options): single values, last
// wins; --profile and --max-version accumulate in order. Throws UsageError for an option without
// its value; returns an exit status when the command should stop now (a usage error, printed).
std::optional<int> read_compiler_options(CLI::App& app, CompilerOptions& o,
                                         const std::vector<std::string>& args,
                                         const std::string& program);

} // namespace xport::cli
