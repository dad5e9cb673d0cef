// `xport cargo T [xport options] CARGO-COMMAND [CARGO-ARGS...]`: cargo with -Z build-std for the
// spec derived for T (src/rust/cargo_run.hpp). xport's own options come before cargo's command;
// everything from the command on goes to cargo unchanged, so they are read by hand, not by CLI11.
#include <filesystem>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/target_options.hpp"
#include "driver/compiler.hpp"
#include "driver/toolchain_links.hpp"
#include "run/build_tool_runner.hpp"
#include "rust/cargo_run.hpp"
#include "rust/rust_target.hpp"
#include "util/error.hpp"
#include "util/leading_options.hpp"

namespace xport::cli {
namespace fs = std::filesystem;
namespace {

struct Options {
  std::string target;
  rust::ToolchainRequest toolchain;
  TargetOptions profiles;
  std::string sysroot;
  bool dry_run = false;
  bool help = false;
  std::vector<std::string> cargo_args;
};

constexpr util::OptionSpec cargo_options[] = {{"--dry-run", "", false}, {"--help", "-h", false},
                                              {"--profile", "", true},  {"--rustc", "", true},
                                              {"--sysroot", "", true},  {"--toolchain", "", true}};

// TARGET, then xport's options, then cargo's command and its arguments verbatim.
Options parse_options(const std::vector<std::string>& args) {
  if (args.empty() || args[0].starts_with("-"))
    throw UsageError("no target: `xport cargo TARGET [OPTIONS] CARGO-COMMAND ...`; see 'xport "
                     "target list'");
  util::LeadingOptions given = util::split_leading_options(
      std::span(args).subspan(1), cargo_options, util::UnknownOption::is_an_error, "xport cargo");
  Options o;
  o.target = args[0];
  o.toolchain.rustup_name = given.last("--toolchain").value_or("");
  o.toolchain.rustc = given.last("--rustc").value_or("");
  o.sysroot = given.last("--sysroot").value_or("");
  o.profiles.profiles = given.all("--profile");
  o.dry_run = given.has("--dry-run");
  o.help = given.has("--help");
  o.cargo_args = std::move(given.rest);
  return o;
}

// --help: the options parse_options reads, described as every command's are.
int help(const Invocation& inv) {
  CLI::App app{
      "Run the toolchain's cargo for TARGET: --target <the spec from 'xport rust spec TARGET'>, "
      "the standard library built from the toolchain's source for that spec (once, with cargo -Z "
      "build-std, offline when the source vendors its dependencies; then cached) as rustc's "
      "--sysroot, --target-dir target/xport-TARGET, xport run as the runner, panic=abort where the "
      "profile says so, and RUSTC_BOOTSTRAP=1 for a toolchain that is not a nightly."};
  std::string text;
  std::vector<std::string> files;
  bool flag = false;
  app.add_option("TARGET", text, "target profile name (see 'xport target list')");
  app.add_option("--toolchain", text, "a rustup toolchain (nightly, stable, 1.80.0 ...)");
  app.add_option("--rustc", text, "a rustc by path (its cargo is the one beside it)");
  app.add_option("--profile", files, "also load this profile file (repeatable)")->type_name("FILE");
  app.add_option("--sysroot", text, "the sysroot the linker (xport cc) links against");
  app.add_flag("--dry-run", flag,
               "print the cargo command and the environment changes, run nothing");
  app.footer("usage: xport cargo TARGET [OPTIONS] CARGO-COMMAND [CARGO-ARGS...]\n"
             "xport's options come before cargo's command; everything from it on reaches cargo "
             "unchanged. See docs/rust.md.");
  return print_help(app, inv.program);
}

} // namespace

int run_cargo(const Invocation& inv) {
  if (!inv.args.empty() && (inv.args[0] == "-h" || inv.args[0] == "--help"))
    return help(inv);
  Options o = parse_options(inv.args);
  if (o.help)
    return help(inv);
  util::Environment env = util::current_environment();
  target::ResolvedProfile resolved = resolve_target(load_catalog(o.profiles), o.target);
  std::vector<fs::path> files(o.profiles.profiles.begin(), o.profiles.profiles.end());
  rust::RustTarget target = rust::rust_target_of(resolved, files, o.sysroot);
  rust::Toolchain toolchain = rust::find_toolchain(o.toolchain, env);
  std::optional<fs::path> runner_sysroot;
  if (!o.sysroot.empty())
    runner_sysroot = driver::lasting_sysroot_argument(o.sysroot);
  std::vector<std::string> runner = run::build_tool_runner(
      driver::self_path(), resolved.profile, runner_sysroot, o.profiles.profiles, env);
  if (!runner.empty() && runner.back() == "--")
    runner.pop_back(); // cargo's runner gets the program first: nothing to keep apart
  rust::PreparedCargo prepared = rust::prepare_cargo(toolchain, target, driver::self_path(),
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
