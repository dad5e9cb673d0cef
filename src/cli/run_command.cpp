// `xport run --target T [--sysroot S] [--runner CMD] PROG [ARGS...]`: runs a program built for T
// and ends as it ended (exit status or signal). Everything after PROG belongs to PROG, so the
// command line is split there before xport's own options are parsed.
#include <algorithm>
#include <iostream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "run/launch.hpp"
#include "run/plan.hpp"
#include "target/catalog.hpp"
#include "util/error.hpp"

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

std::filesystem::path cache_folder(const util::Environment& env) {
  auto get = [&](const char* name) -> std::string {
    auto it = env.find(name);
    return it == env.end() ? "" : it->second;
  };
  if (std::string home = get("XPORT_HOME"); !home.empty())
    return std::filesystem::path(home) / "run" / "qemu-prefix";
  std::string cache = get("XDG_CACHE_HOME");
  if (cache.empty())
    cache = get("HOME") + "/.cache";
  return std::filesystem::path(cache) / "xport" / "qemu-prefix";
}

std::filesystem::path sysroot_root(const std::string& given) {
  std::filesystem::path p(given);
  if (std::filesystem::is_directory(p))
    return std::filesystem::absolute(p).lexically_normal();
  throw UsageError("--sysroot {}: no such folder; give the sysroot's root folder", given);
}

} // namespace

int run_run(const Invocation& inv) {
  CLI::App app{"Run a program built for a target: natively, under qemu-user, or through a runner.\n"
               "Everything after PROG is passed to it unchanged; xport ends with PROG's exit "
               "status, or is killed by the same signal.",
               "run"};
  std::string target_name;
  std::vector<std::string> profile_files;
  std::string sysroot;
  std::optional<std::string> runner;
  bool print_command = false, json = false;
  app.add_option("-t,--target", target_name, "the target the program was built for")->required();
  app.add_option("--profile", profile_files, "load target profiles from this TOML file");
  app.add_option("--sysroot", sysroot, "the sysroot folder (qemu's library prefix)");
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
  if (split.program_and_args.empty())
    throw UsageError("no program to run; usage: xport run --target T PROG [ARGS...]");

  target::SearchOptions search;
  for (const std::string& f : profile_files)
    search.profile_files.emplace_back(f);
  run::Request request;
  request.profile = target::Catalog::load(search).resolve(target_name).profile;
  request.env = util::current_environment();
  if (!sysroot.empty())
    request.sysroot = sysroot_root(sysroot);
  request.program = split.program_and_args.front();
  request.args.assign(split.program_and_args.begin() + 1, split.program_and_args.end());
  request.runner_option = runner;
  request.host = run::current_host();
  request.cache = cache_folder(request.env);

  run::Plan plan = run::plan_run(request);
  if (print_command) {
    if (json)
      std::cout << run::to_json(plan).dump(2) << "\n";
    else
      std::cout << util::shell_join(plan.argv) << "\n";
    return exit_ok;
  }
  std::cout.flush();
  run::exec_plan(plan);
}

} // namespace xport::cli
