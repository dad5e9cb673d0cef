// `xport shell --target T [--sysroot S] [-- COMMAND...]`: runs COMMAND (default: the user's
// shell) so that every program of the target it starts, from any script, runs: natively, or under
// qemu-user through proot (run/shell_plan.hpp). Everything after the options is COMMAND's.
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "cli/target_options.hpp"
#include "driver/compiler.hpp"
#include "run/launch.hpp"
#include "run/proot_syscalls.hpp"
#include "run/qemu_gaps.hpp"
#include "run/shell_plan.hpp"
#include "util/error.hpp"
#include "util/leading_options.hpp"

namespace xport::cli {
namespace {

// xport shell's own options; the first other word (or the word after `--`) starts COMMAND.
constexpr util::OptionSpec shell_options[] = {
    {"--explain", "", false},       {"--help", "-h", false}, {"--json", "", false},
    {"--print-command", "", false}, {"--profile", "", true}, {"--sysroot", "", true},
    {"--target", "-t", true}};

// Runs the proot tree with every qemu in it logging what it does not emulate (one log per qemu
// process: qemu replaces %d in -D's file name with its process id), then names each gap once on
// standard error and ends like the command (run/qemu_gaps.hpp).
[[noreturn]] void run_explaining_gaps(run::Plan plan, const std::string& arch) {
  const char* tmp = std::getenv("TMPDIR");
  std::string dir = std::string(tmp && *tmp ? tmp : "/tmp") + "/xport-qemu-gaps.XXXXXX";
  if (!mkdtemp(dir.data()))
    throw Error("cannot create a folder for qemu's logs ({}) for --explain: {}; set TMPDIR to a "
                "writable folder",
                dir, std::strerror(errno));
  plan.argv.at(2) += " -d unimp -D " + dir + "/%d.log"; // proot -q "QEMU..."
  run::deny_syscalls_proot_cannot_translate();
  std::cout.flush();
  run::Ending ending = run::spawn_and_wait(plan.argv, plan.env);
  std::ostringstream text;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    text << std::ifstream(entry.path()).rdbuf();
  std::filesystem::remove_all(dir);
  for (const std::string& line : run::explain_qemu_gaps(text.str(), arch))
    std::cerr << line << "\n";
  run::end_like(ending);
}

} // namespace

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

  util::LeadingOptions given = util::split_leading_options(
      inv.args, shell_options, util::UnknownOption::is_an_error, "xport shell");
  std::vector<std::string> own;
  for (const auto& [name, value] : given.given) {
    own.push_back(name);
    for (const util::OptionSpec& spec : shell_options)
      if (spec.name == name && spec.takes_value)
        own.push_back(value);
  }
  if (std::optional<int> status = parse(app, Invocation{inv.program, own}))
    return *status;
  if (json && !print_command)
    throw UsageError("--json only changes what --print-command prints; add --print-command");

  run::ShellRequest request;
  request.profile = resolve_target(target).profile;
  request.env = util::current_environment();
  request.sysroot = driver::open_sysroot(sysroot, request.profile, request.env);
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
    run_explaining_gaps(plan, request.profile.arch);
  std::cout.flush();
  run::exec_plan(plan);
}

} // namespace xport::cli
