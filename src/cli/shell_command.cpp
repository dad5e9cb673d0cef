// `xport shell --target T [--sysroot S] [-- COMMAND...]`: runs COMMAND (default: the user's
// shell) so that every program of the target it starts, from any script, runs: natively, or under
// qemu-user through proot (run/shell_plan.hpp). Everything after the options is COMMAND's.
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "cli/option_table.hpp"
#include "cli/target_options.hpp"
#include "run/launch.hpp"
#include "run/proot_syscalls.hpp"
#include "run/qemu_gaps.hpp"
#include "run/shell_plan.hpp"
#include "sysroot/lookup.hpp"
#include "util/error.hpp"
#include "util/leading_options.hpp"

namespace xport::cli {
namespace {} // namespace

int run_shell(const Invocation& inv) {
  CLI::App app{"Run COMMAND (default: $SHELL, interactive) so that every program built for the "
               "target that it starts, from any script or build tool, runs: natively when this "
               "machine runs the target, else under qemu-user (through proot). For test suites "
               "that start cross-built programs themselves: ctest, meson test, make check.",
               "shell"};
  TargetOptions target;
  std::string sysroot;
  bool print_command = false, json = false, explain = false;
  add_target_options(app, target);
  app.add_option("--sysroot", sysroot,
                 "sysroot name or folder (qemu's library prefix); default: the store's sysroot "
                 "named like the target");
  app.add_flag("--print-command", print_command, "print the command instead of running it");
  app.add_flag("--json", json, "with --print-command: print the plan as JSON");
  app.add_flag("--explain", explain,
               "afterwards, name each system call or socket option qemu-user does not emulate "
               "that a program of the tree used (also XPORT_VERBOSE=1)");
  app.footer("usage: xport shell --target T [--sysroot S] [-- COMMAND [ARGS...]]\n"
             "See docs/run.md for what runs unchanged and what does not.");

  // The app's options, up to the first other word (or the word after `--`), which starts
  // COMMAND.
  OptionTable table(app);
  util::LeadingOptions given = util::split_leading_options(
      inv.args, table.specs(), util::UnknownOption::is_an_error, "xport shell");
  if (std::optional<int> status = parse(app, Invocation{inv.program, option_words(given, table)}))
    return *status;
  if (json && !print_command)
    throw UsageError("--json only changes what --print-command prints; add --print-command");

  run::ShellRequest request;
  request.profile = resolve_target(target).profile;
  request.env = util::current_environment();
  request.sysroot = sysroot::open_sysroot(sysroot, request.profile, request.env);
  request.command = std::move(given.rest);
  request.host = run::current_host();

  run::Plan plan = run::plan_shell(request);
  if (print_command) {
    std::cout << run::printed_plan(plan, request.env, json) << "\n";
    return exit_ok;
  }
  if (plan.method == run::Method::qemu && !request.sysroot)
    std::cerr << "xport: warning: no sysroot for " << request.profile.name
              << ": dynamically linked programs of the target will not start; pass --sysroot "
                 "NAME|PATH or import one with 'xport sysroot import MEDIA --target "
              << request.profile.name << "'\n";
  auto verbose = request.env.find("XPORT_VERBOSE");
  explain = explain ||
            (verbose != request.env.end() && !verbose->second.empty() && verbose->second != "0");
  if (explain && plan.deny_untranslated_syscalls)
    run::run_tree_explaining_gaps(plan, request.profile.arch);
  std::cout.flush();
  run::exec_plan(plan);
}

} // namespace xport::cli
