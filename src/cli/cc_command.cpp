// `xport cc|c++ --target T [--sysroot NAME|PATH] [--clang V|PATH] [--profile FILE]
// [--max-version V] [--print-command] ARGS...`:
// compiles and links for T with clang. xport's own options are read at the front (until the first
// other word, or `--`) and, by their long names, anywhere after (cli/compiler_options.hpp); every
// other word is the user's and reaches clang verbatim. The command prints nothing unless asked
// (--print-command prints and stops; XPORT_VERBOSE=1 prints and runs) and ends by exec'ing clang,
// so its exit status is clang's. Only a link under a
// symbol-version ceiling (max-versions, XPORT_MAX_VERSION, --max-version) runs clang as a child
// instead: it then judges what the link wrote, as `xport check` does, and fails it above the
// ceiling.
#include <filesystem>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/compiler_options.hpp"
#include "driver/compiler.hpp"
#include "elf/check.hpp"
#include "run/launch.hpp"
#include "target/version_ceiling.hpp"
#include "util/error.hpp"

namespace xport::cli {
namespace {

// Runs a link that has ceilings, then judges what it wrote: above a ceiling, the findings are
// printed as `xport check` prints them and the file is removed, so that make, ninja or cargo do
// not take it for built.
int link_within_ceilings(const driver::CompilerCommand& command,
                         const target::VersionCeilings& ceilings) {
  util::RunOptions options;
  options.env = command.env;
  util::Completed done = util::run_attached(command.argv, options).value();
  if (done.signal != 0) // ended as clang ended, as if clang had replaced this process
    run::end_like({done.exit_code, done.signal});
  if (done.exit_code != 0)
    return done.exit_code;
  const std::string& file = command.linked_file;
  std::error_code ec;
  if (file == "-" || !std::filesystem::is_regular_file(file, ec))
    return exit_ok; // -o /dev/null: nothing was kept to judge
  std::vector<elf::Finding> findings;
  try {
    findings = elf::check_version_ceilings(file, ceilings);
  } catch (const Error& e) {
    std::cerr << "xport: warning: the symbol versions of " << file
              << " were not checked against the ceilings: " << e.what() << "\n";
    return exit_ok;
  }
  if (findings.empty())
    return exit_ok;
  for (const elf::Finding& f : findings)
    std::cerr << f.to_text() << "\n";
  std::filesystem::remove(file, ec);
  throw Error("the link wrote {}, which needs symbol versions above the ceiling{} {} ({} "
              "finding{} above); {} so that no build takes it for done",
              file, ceilings.all().size() == 1 ? "" : "s", ceilings.names(), findings.size(),
              findings.size() == 1 ? "" : "s",
              ec ? fmt::format("removing it failed ({}): remove it", ec.message())
                 : "it was removed");
}

int run_compiler(const Invocation& inv, driver::Language language) {
  CompilerOptions options;
  CLI::App app;
  describe_compiler_options(app, options, inv.program);
  if (std::optional<int> status = read_compiler_options(app, options, inv.args, inv.program))
    return *status;
  if (options.help)
    return print_help(app, inv.program);
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
  request.clang = options.clang;
  auto ceiling_variable = env.find("XPORT_MAX_VERSION");
  target::VersionCeilings ceilings = target::version_ceilings(
      resolved, ceiling_variable == env.end() ? nullptr : ceiling_variable->second.c_str(),
      options.max_versions);
  driver::CompilerCommand command = driver::plan_compiler(request, env);
  const bool judged = !ceilings.empty() && !command.linked_file.empty();
  // The comment lines name the clang and lld and what is done after the link; a shell skips
  // them when the output is pasted.
  std::string comment = "# " + command.tools + "\n";
  if (judged)
    comment += fmt::format("# then the symbol versions {} needs are checked against {}\n",
                           command.linked_file, ceilings.names());
  if (options.print_command) {
    std::cout << comment << driver::printable_command(command) << "\n";
    return exit_ok;
  }
  if (driver::verbose(env))
    std::cerr << comment << driver::printable_command(command) << "\n";
  if (judged)
    return link_within_ceilings(command, ceilings);
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
