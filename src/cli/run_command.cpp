// `xport run --target T [--sysroot S] [--runner CMD] PROG [ARGS...]`: runs a program built for T
// and ends as it ended (exit status or signal). Everything after PROG belongs to PROG, so the
// command line is split there before xport's own options are parsed.
#include <algorithm>
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "cli/option_table.hpp"
#include "cli/target_options.hpp"
#include "run/enclosing_shell.hpp"
#include "run/launch.hpp"
#include "run/plan.hpp"
#include "run/qemu_gaps.hpp"
#include "run/ssh_runner.hpp"
#include "sysroot/lookup.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/leading_options.hpp"

namespace xport::cli {
namespace {

struct Split {
  std::vector<std::string> own; // xport's options, for CLI11 (types, --help)
  std::vector<std::string> program_and_args;
};

// xport run's own options (the app's); the first other word is PROG.
Split split_at_program(const std::vector<std::string>& args, const CLI::App& app) {
  OptionTable table(app);
  util::LeadingOptions given = util::split_leading_options(
      args, table.specs(), util::UnknownOption::is_an_error, "xport run");
  return {option_words(given, table), std::move(given.rest)};
}

} // namespace

int run_run(const Invocation& inv) {
  CLI::App app{"Run a program built for a target: natively, under qemu-user, or through a runner.\n"
               "Everything after PROG is passed to it unchanged; xport ends with PROG's exit "
               "status, or is killed by the same signal.",
               "run"};
  TargetOptions target;
  std::string sysroot;
  std::optional<std::string> runner;
  bool print_command = false, json = false, explain = false;
  add_target_options(app, target);
  app.add_option("--sysroot", sysroot,
                 "sysroot name or folder (qemu's library prefix); default: the store's sysroot "
                 "named like the target");
  app.add_option("--runner", runner,
                 "run through this command (shell words; PROG and ARGS are appended); overrides "
                 "XPORT_RUNNER_<TARGET> and the profile's runner");
  app.add_flag("--print-command", print_command, "print the command instead of running it");
  app.add_flag("--json", json, "with --print-command: print the plan as JSON");
  app.add_flag("--explain", explain,
               "under qemu-user: afterwards, name each system call or socket option qemu does not "
               "emulate that the program used (also XPORT_VERBOSE=1)");
  app.footer("usage: xport run --target T [--sysroot S] [--runner CMD] PROG [ARGS...]\n"
             "See docs/run.md for runners and the XPORT_RUNNER_<TARGET> variable.");

  Split split = split_at_program(inv.args, app);
  if (std::optional<int> status = parse(app, Invocation{inv.program, split.own}))
    return *status;
  if (json && !print_command)
    throw UsageError("--json only changes what --print-command prints; add --print-command");
  if (split.program_and_args.empty())
    throw UsageError("no program to run; usage: xport run --target T PROG [ARGS...]");

  run::Request request;
  request.profile = resolve_target(target).profile;
  request.env = util::current_environment();
  request.sysroot = sysroot::open_sysroot(sysroot, request.profile, request.env);
  request.program = split.program_and_args.front();
  request.args.assign(split.program_and_args.begin() + 1, split.program_and_args.end());
  request.runner_option = runner;
  request.host = run::current_host();
  // Only inside xport shell's tree does it matter (and cost reading /proc).
  request.traced_by_proot = request.env.contains("XPORT_SHELL_TARGET") && run::traced_by_proot();

  run::Plan plan = run::plan_run(request);
  auto verbose = request.env.find("XPORT_VERBOSE");
  explain = explain ||
            (verbose != request.env.end() && !verbose->second.empty() && verbose->second != "0");
  bool explaining = explain && run::runs_qemu_directly(plan);
  if (explaining && print_command)
    run::log_qemu_gaps(plan, "/tmp/xport-qemu-gaps.XXXXXX");
  if (print_command) {
    std::cout << run::printed_plan(plan, request.env, json) << "\n";
    return exit_ok;
  }
  std::cout.flush();
  if (!plan.copy_in.empty())
    run::end_like(run::run_over_ssh(*plan.runner, plan.copy_in, plan.args, plan.env));
  if (explaining)
    run::run_explaining_gaps(plan, request.profile.arch);
  run::exec_plan(plan);
}

} // namespace xport::cli
