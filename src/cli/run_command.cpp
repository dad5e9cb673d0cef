// `xport run --target T [--sysroot S] [--runner CMD] PROG [ARGS...]`: runs a program built for T
// and ends as it ended (exit status or signal). Everything after PROG belongs to PROG, so the
// command line is split there before xport's own options are parsed.
#include <algorithm>
#include <iostream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/target_options.hpp"
#include "driver/compiler.hpp"
#include "run/launch.hpp"
#include "run/plan.hpp"
#include "run/ssh_runner.hpp"
#include "util/error.hpp"
#include "util/json_text.hpp"

namespace xport::cli {
namespace {

// xport's options that take a value as the next word; the first other non-option word is PROG.
constexpr std::string_view options_with_value[] = {"--profile", "--runner", "--sysroot", "--target",
                                                   "-t"};

struct Split {
  std::vector<std::string> own; // xport's options
  std::vector<std::string> program_and_args;
};

Split split_at_program(const std::vector<std::string>& args) {
  Split s;
  std::size_t i = 0;
  while (i < args.size()) {
    const std::string& a = args[i];
    if (a == "--") {
      ++i;
      break;
    }
    if (!a.starts_with("-") || a == "-")
      break;
    s.own.push_back(a);
    bool takes_value = std::find(std::begin(options_with_value), std::end(options_with_value), a) !=
                       std::end(options_with_value);
    if (takes_value && i + 1 < args.size())
      s.own.push_back(args[++i]);
    ++i;
  }
  s.program_and_args.assign(args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
  return s;
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
  bool print_command = false, json = false;
  add_target_options(app, target);
  app.add_option("--sysroot", sysroot,
                 "sysroot name or folder (qemu's library prefix); default: the store's sysroot "
                 "named like the target");
  app.add_option("--runner", runner,
                 "run through this command (shell words; PROG and ARGS are appended); overrides "
                 "XPORT_RUNNER_<TARGET> and the profile's runner");
  app.add_flag("--print-command", print_command, "print the command instead of running it");
  app.add_flag("--json", json, "with --print-command: print the plan as JSON");
  app.footer("usage: xport run --target T [--sysroot S] [--runner CMD] PROG [ARGS...]\n"
             "See docs/run.md for runners and the XPORT_RUNNER_<TARGET> variable.");

  Split split = split_at_program(inv.args);
  if (std::optional<int> status = parse(app, Invocation{inv.program, split.own}))
    return *status;
  if (json && !print_command)
    throw UsageError("--json only changes what --print-command prints; add --print-command");
  if (split.program_and_args.empty())
    throw UsageError("no program to run; usage: xport run --target T PROG [ARGS...]");

  run::Request request;
  request.profile = resolve_target(target).profile;
  request.env = util::current_environment();
  request.sysroot = driver::open_sysroot(sysroot, request.profile, request.env);
  request.program = split.program_and_args.front();
  request.args.assign(split.program_and_args.begin() + 1, split.program_and_args.end());
  request.runner_option = runner;
  request.host = run::current_host();

  run::Plan plan = run::plan_run(request);
  if (print_command) {
    if (json)
      std::cout << util::json_text(run::to_json(plan)) << "\n";
    else
      std::cout << util::shell_join(plan.argv) << "\n";
    return exit_ok;
  }
  std::cout.flush();
  if (!plan.copy_in.empty())
    run::end_like(run::run_over_ssh(*plan.runner, plan.copy_in, plan.args, plan.env));
  run::exec_plan(plan);
}

} // namespace xport::cli
