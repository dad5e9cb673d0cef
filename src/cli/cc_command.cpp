// `xport cc|c++ --target T [--sysroot NAME|PATH] [--profile FILE] [--print-command] ARGS...`:
// compiles and links for T with clang. Only xport's own options at the front are read (until the
// first other word, or `--`); every later word is the user's and reaches clang verbatim. The
// command prints nothing unless asked (--print-command prints and stops; XPORT_VERBOSE=1 prints
// and runs) and ends by exec'ing clang, so its exit status is clang's.
#include <iostream>

#include "cli/command.hpp"
#include "cli/target_options.hpp"
#include "driver/compiler.hpp"
#include "util/error.hpp"
#include "util/leading_options.hpp"

namespace xport::cli {
namespace {

struct CompilerOptions {
  TargetOptions target;
  std::string sysroot;
  bool print_command = false;
  std::vector<std::string> rest;
};

const char* usage = "usage: {0} --target T [--sysroot NAME|PATH] [--profile FILE] "
                    "[--print-command] [--] CLANG-ARGS...\n\n"
                    "Compiles and links for target T with clang, the profile's flags and the "
                    "sysroot's folders;\nCLANG-ARGS are passed to clang verbatim. XPORT_VERBOSE=1 "
                    "prints the command, XPORT_LAUNCHER\n(e.g. ccache) is put in front of it, "
                    "XPORT_CLANG picks the clang. See docs/driver.md.\n";

constexpr util::OptionSpec compiler_options[] = {{"--print-command", "", false},
                                                 {"--profile", "", true},
                                                 {"--sysroot", "", true},
                                                 {"--target", "-t", true}};

CompilerOptions read_options(const Invocation& inv) {
  util::LeadingOptions given = util::split_leading_options(
      inv.args, compiler_options, util::UnknownOption::ends_options, inv.program);
  CompilerOptions o;
  o.print_command = given.has("--print-command");
  o.target.target = given.last("--target").value_or("");
  o.sysroot = given.last("--sysroot").value_or("");
  o.target.profiles = given.all("--profile");
  o.rest = std::move(given.rest);
  return o;
}

int run_compiler(const Invocation& inv, driver::Language language) {
  if (!inv.args.empty() && (inv.args[0] == "--help" || inv.args[0] == "-h")) {
    std::cout << fmt::format(fmt::runtime(usage), inv.program);
    return exit_ok;
  }
  CompilerOptions options = read_options(inv);
  if (options.target.target.empty())
    throw UsageError("{} needs --target T before the compiler arguments (see 'xport target "
                     "list'), or call it through a link made by 'xport toolchain install'",
                     inv.program);
  target::ResolvedProfile resolved = resolve_target(options.target);
  util::Environment env = util::current_environment();
  driver::CompilerRequest request;
  request.profile = &resolved.profile;
  request.sysroot = options.sysroot;
  request.language = language;
  request.args = std::move(options.rest);
  driver::CompilerCommand command = driver::plan_compiler(request, env);
  if (options.print_command) {
    std::cout << driver::printable_command(command) << "\n";
    return exit_ok;
  }
  if (driver::verbose(env))
    std::cerr << driver::printable_command(command) << "\n";
  util::exec(command.argv, command.env);
}

} // namespace

int run_cc(const Invocation& inv) {
  return run_compiler(inv, driver::Language::c);
}
int run_cxx(const Invocation& inv) {
  return run_compiler(inv, driver::Language::cxx);
}

} // namespace xport::cli
