// `xport run --target T [--sysroot S] [--runner CMD] PROG [ARGS...]`: runs a program built for T
// and ends as it ended (exit status or signal). Everything after PROG belongs to PROG, so the
// command line is split there before xport's own options are parsed.
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "cli/target_options.hpp"
#include "driver/compiler.hpp"
#include "run/enclosing_shell.hpp"
#include "run/launch.hpp"
#include "run/plan.hpp"
#include "run/qemu_gaps.hpp"
#include "run/ssh_runner.hpp"
#include "util/error.hpp"
#include "util/leading_options.hpp"

namespace xport::cli {
namespace {

// xport run's own options; the first other word is PROG (util/leading_options.hpp).
constexpr util::OptionSpec run_options[] = {
    {"--explain", "", false},       {"--help", "-h", false}, {"--json", "", false},
    {"--print-command", "", false}, {"--profile", "", true}, {"--runner", "", true},
    {"--sysroot", "", true},        {"--target", "-t", true}};

struct Split {
  std::vector<std::string> own; // xport's options, for CLI11 (types, --help)
  std::vector<std::string> program_and_args;
};

Split split_at_program(const std::vector<std::string>& args) {
  util::LeadingOptions given =
      util::split_leading_options(args, run_options, util::UnknownOption::is_an_error, "xport run");
  Split s;
  for (const auto& [name, value] : given.given) {
    s.own.push_back(name);
    for (const util::OptionSpec& spec : run_options)
      if (spec.name == name && spec.takes_value)
        s.own.push_back(value);
  }
  s.program_and_args = std::move(given.rest);
  return s;
}

// Runs the qemu plan with qemu's log of what it does not emulate, then names each gap on standard
// error and ends like the program (run/qemu_gaps.hpp).
[[noreturn]] void run_explaining_gaps(run::Plan plan, const std::string& arch) {
  const char* tmp = std::getenv("TMPDIR");
  std::string log = std::string(tmp && *tmp ? tmp : "/tmp") + "/xport-qemu-gaps.XXXXXX";
  int fd = mkstemp(log.data());
  if (fd < 0)
    throw Error("cannot create qemu's log file {} for --explain: {}; set TMPDIR to a writable "
                "folder",
                log, std::strerror(errno));
  close(fd);
  run::log_qemu_gaps(plan, log);
  std::cout.flush();
  run::Ending ending = run::spawn_and_wait(plan.argv, plan.env);
  std::ostringstream text;
  text << std::ifstream(log).rdbuf();
  std::remove(log.c_str());
  for (const std::string& line : run::explain_qemu_gaps(text.str(), arch))
    std::cerr << line << "\n";
  run::end_like(ending);
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
    run_explaining_gaps(plan, request.profile.arch);
  run::exec_plan(plan);
}

} // namespace xport::cli
