// `xport cargo T [xport options] CARGO-COMMAND [CARGO-ARGS...]`: cargo with -Z build-std for the
// spec derived for T (src/rust/cargo_run.hpp). xport's own options come before cargo's command;
// everything from the command on goes to cargo unchanged, so they are split off by hand
// (cli/option_table.hpp) before CLI11 reads them.
#include <filesystem>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/option_table.hpp"
#include "cli/target_options.hpp"
#include "run/build_tool_runner.hpp"
#include "rust/cargo_run.hpp"
#include "rust/rust_target.hpp"
#include "sysroot/lookup.hpp"
#include "util/error.hpp"
#include "util/leading_options.hpp"
#include "util/paths.hpp"

namespace xport::cli {
namespace fs = std::filesystem;
namespace {

struct Options {
  std::string target;
  rust::ToolchainRequest toolchain;
  TargetOptions profiles;
  std::string sysroot;
  bool dry_run = false;
  std::vector<std::string> cargo_args;
};

// The one description of xport cargo's options: --help prints it, and it reads them.
void describe(CLI::App& app, Options& o) {
  app.description(
      "Run the toolchain's cargo for TARGET: --target <the spec from 'xport rust spec TARGET'>, "
      "the standard library built from the toolchain's source for that spec (once, with cargo -Z "
      "build-std, offline when the source vendors its dependencies; then cached) as rustc's "
      "--sysroot, --target-dir target/xport-TARGET, xport run as the runner, panic=abort where the "
      "profile says so, and RUSTC_BOOTSTRAP=1 for a toolchain that is not a nightly.");
  auto last_wins = [](CLI::Option* opt) {
    opt->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  };
  app.add_option("TARGET", o.target,
                 "target profile name (see 'xport target list'); a word, not --target, as the "
                 "target is what the command is about (`xport cargo T build` reads as cargo "
                 "does), and --target among CARGO-ARGS stays cargo's");
  last_wins(app.add_option("--toolchain", o.toolchain.rustup_name,
                           "a rustup toolchain (nightly, stable, 1.80.0 ...)"));
  last_wins(app.add_option("--rustc", o.toolchain.rustc,
                           "a rustc by path (its cargo is the one beside it)"));
  app.add_option("--profile", o.profiles.profiles, "also load this profile file (repeatable)")
      ->type_name("FILE")
      ->allow_extra_args(false);
  last_wins(
      app.add_option("--sysroot", o.sysroot, "the sysroot the linker (xport cc) links against"));
  app.add_flag("--dry-run", o.dry_run,
               "print the cargo command and the environment changes, run nothing");
  app.footer("usage: xport cargo TARGET [OPTIONS] CARGO-COMMAND [CARGO-ARGS...]\n"
             "xport's options come before cargo's command; everything from it on reaches cargo "
             "unchanged. See docs/rust.md.");
}

// TARGET, then xport's options, then cargo's command and its arguments verbatim. Returns an exit
// status when the command should stop now (after --help or a usage error).
std::optional<int> parse_options(CLI::App& app, Options& o, const Invocation& inv) {
  const std::vector<std::string>& args = inv.args;
  if (!args.empty() && (args[0] == "-h" || args[0] == "--help"))
    return print_help(app, inv.program);
  if (args.empty() || args[0].starts_with("-"))
    throw UsageError("no target: `xport cargo TARGET [OPTIONS] CARGO-COMMAND ...`; see 'xport "
                     "target list'");
  OptionTable table(app);
  util::LeadingOptions given = util::split_leading_options(
      std::span(args).subspan(1), table.specs(), util::UnknownOption::is_an_error, "xport cargo");
  if (given.has("--help"))
    return print_help(app, inv.program);
  std::vector<std::string> own = {args[0]};
  for (std::string& word : option_words(given, table))
    own.push_back(std::move(word));
  if (std::optional<int> status = parse(app, Invocation{inv.program, own}))
    return status;
  o.cargo_args = std::move(given.rest);
  return std::nullopt;
}

} // namespace

int run_cargo(const Invocation& inv) {
  Options o;
  CLI::App app;
  describe(app, o);
  if (std::optional<int> status = parse_options(app, o, inv))
    return *status;
  util::Environment env = util::current_environment();
  target::ResolvedProfile resolved = resolve_target(load_catalog(o.profiles), o.target);
  std::vector<fs::path> files(o.profiles.profiles.begin(), o.profiles.profiles.end());
  rust::RustTarget target = rust::rust_target_of(resolved, files, o.sysroot);
  rust::Toolchain toolchain = rust::find_toolchain(o.toolchain, env);
  std::optional<fs::path> runner_sysroot;
  if (!o.sysroot.empty())
    runner_sysroot = sysroot::lasting_sysroot_argument(o.sysroot);
  std::vector<std::string> runner = run::build_tool_runner(
      util::self_path(), resolved.profile, runner_sysroot, o.profiles.profiles, env);
  if (!runner.empty() && runner.back() == "--")
    runner.pop_back(); // cargo's runner gets the program first: nothing to keep apart
  rust::PreparedCargo prepared = rust::prepare_cargo(toolchain, target, util::self_path(),
                                                     o.cargo_args, env, runner, !o.dry_run);
  if (!prepared.build_std_problem.empty())
    std::cerr << "xport: warning: " << prepared.build_std_problem << "\n";
  for (const std::string& note : prepared.spec.notes)
    std::cerr << "xport: note: " << note << "\n";
  // Printed so that it can be pasted into a shell: env [-u NAME] NAME=value ... cargo ...
  std::vector<std::string> words = {"env"};
  for (const std::string& change : prepared.plan.env_changes) {
    if (change.starts_with("-"))
      words.insert(words.end(), {"-u", change.substr(1)});
    else
      words.push_back(change);
  }
  words.insert(words.end(), prepared.plan.argv.begin(), prepared.plan.argv.end());
  std::string line = util::shell_join(words);
  bool std_ready = rust::std_sysroot_ready(prepared.std_build);
  if (o.dry_run) {
    rust::CargoPlan std_plan = rust::plan_std_build(
        prepared.std_build, prepared.std_build.dir.parent_path() / ".build-<pid>/workspace",
        prepared.std_build.dir.parent_path() / ".build-<pid>/target", env);
    std::cout << fmt::format("# the standard library for {}, {} {}:\n", target.name,
                             std_ready ? "already built (so not run now) into"
                                       : "built once, before the build, into",
                             prepared.std_build.dir.string())
              << util::shell_join(std_plan.argv) << "\n"
              << line << "\n";
    return exit_ok;
  }
  if (!std_ready)
    std::cerr << fmt::format("xport: building the standard library for {} with {} (once for this "
                             "toolchain and spec) into {}\n",
                             target.name, toolchain.describe(), prepared.std_build.dir.string());
  rust::StdSysroot built = rust::ensure_std_sysroot(prepared.std_build, env);
  if (built.built)
    std::cerr << fmt::format("xport: built the standard library for {} in {:.1f} s\n", target.name,
                             built.seconds);
  std::cerr << "xport: running " << line << "\n";
  util::exec(prepared.plan.argv, prepared.plan.env);
}

} // namespace xport::cli
