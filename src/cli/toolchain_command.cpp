// `xport toolchain install T DIR [--sysroot S] [--profile FILE]`: a folder of <T>-cc, <T>-c++,
// <T>-ar ... links (driver/toolchain_links.hpp). Also the two tools those links run through
// xport: `xport toolchain ld --target T -- ARGS` (the target's linker, with the sysroot) and
// `xport toolchain pkg-config --target T -- ARGS` (pkg-config confined to the sysroot).
#include <filesystem>
#include <iostream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/option_table.hpp"
#include "cli/target_options.hpp"
#include "driver/compiler.hpp"
#include "driver/tool_commands.hpp"
#include "driver/toolchain_links.hpp"
#include "driver/tools.hpp"
#include "sysroot/lookup.hpp"
#include "util/error.hpp"
#include "util/json_text.hpp"
#include "util/leading_options.hpp"
#include "util/paths.hpp"

namespace xport::cli {
namespace {

namespace fs = std::filesystem;

struct PassThrough {
  TargetOptions target;
  std::string sysroot;
  std::vector<std::string> rest;
};

// Leading --target/--sysroot/--profile, then `--`, then the tool's own arguments (an unknown
// option is the tool's). The links call these tools; they have no --help of their own. Returns an
// exit status when the tool should not run (a usage error, printed).
std::optional<int> read_pass_through(const std::vector<std::string>& args, std::size_t from,
                                     PassThrough& p) {
  std::string command = "xport toolchain " + args[from - 1];
  CLI::App app;
  app.set_help_flag();
  add_target_options(app, p.target, TargetOption::optional);
  app.get_option("--target")->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app.add_option("--sysroot", p.sysroot)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  OptionTable table(app);
  util::LeadingOptions given = util::split_leading_options(
      std::span(args).subspan(from), table.specs(), util::UnknownOption::ends_options, command);
  if (std::optional<int> status = parse(app, Invocation{command, option_words(given, table)}))
    return status;
  p.rest = std::move(given.rest);
  if (p.target.target.empty())
    throw UsageError("{} needs --target T", command);
  return std::nullopt;
}

int run_ld(const std::vector<std::string>& args) {
  PassThrough p;
  if (std::optional<int> status = read_pass_through(args, 1, p))
    return *status;
  target::ResolvedProfile resolved = resolve_target(p.target);
  driver::ToolCommand command =
      driver::plan_linker(resolved.profile, p.sysroot, p.rest, util::current_environment());
  if (driver::verbose(command.env))
    std::cerr << util::shell_join(command.argv) << "\n";
  util::exec(command.argv, command.env);
}

int run_pkg_config(const std::vector<std::string>& args) {
  PassThrough p;
  if (std::optional<int> status = read_pass_through(args, 1, p))
    return *status;
  target::ResolvedProfile resolved = resolve_target(p.target);
  driver::ToolCommand command =
      driver::plan_pkg_config(resolved.profile, p.sysroot, p.rest, util::current_environment());
  util::exec(command.argv, command.env);
}

} // namespace

int run_toolchain(const Invocation& inv) {
  if (!inv.args.empty() && inv.args[0] == "ld")
    return run_ld(inv.args);
  if (!inv.args.empty() && inv.args[0] == "pkg-config")
    return run_pkg_config(inv.args);

  CLI::App app{"Make a folder of <target>-cc, <target>-c++, <target>-ar ... links, so autotools "
               "(--host=<target>), Makefiles ($(CROSS_COMPILE)cc), CMake and Meson use xport."};
  app.require_subcommand(1);
  CLI::App* install = app.add_subcommand("install", "create the links for a target in DIR");
  std::string target_name, dir, sysroot;
  std::vector<std::string> profiles;
  bool json = false;
  install->add_option("target", target_name, "target profile name")->required();
  install->add_option("dir", dir, "folder for the links (created if missing)")->required();
  install->add_option("--sysroot", sysroot, "sysroot name in the store, or a folder");
  install->add_option("--profile", profiles, "also load this profile file (repeatable)");
  install->add_flag("--json", json, "print the links as JSON");
  if (auto status = parse(app, inv))
    return *status;

  TargetOptions options{target_name, profiles};
  target::ResolvedProfile resolved = resolve_target(options);
  util::Environment env = util::current_environment();
  std::vector<std::string> absolute_profiles;
  for (const std::string& p : profiles)
    absolute_profiles.push_back(fs::absolute(p).string());
  sysroot = sysroot::lasting_sysroot_argument(sysroot);
  // Fail now, not at the first compile, when the sysroot named does not exist.
  sysroot::open_sysroot(sysroot, resolved.profile, env);
  // The links look a sysroot name up in this store, whatever XPORT_HOME says when they run.
  std::string store = fs::absolute(util::store_home(env)).lexically_normal().string();
  driver::ToolchainSettings settings{resolved.profile.name, sysroot, absolute_profiles, store};
  std::vector<fs::path> links =
      driver::install_toolchain(settings, fs::absolute(dir), util::self_path(), env);
  if (json) {
    nlohmann::json out = {{"target", resolved.profile.name}, {"dir", fs::absolute(dir).string()}};
    for (const fs::path& l : links)
      out["links"].push_back(l.string());
    std::cout << util::json_text(out) << "\n";
  } else {
    std::cout << "installed " << links.size() << " tools for " << resolved.profile.name << " in "
              << fs::absolute(dir).string() << " (" << resolved.profile.name << "-cc, "
              << resolved.profile.name << "-c++, " << resolved.profile.name << "-ar ...)\n";
  }
  return exit_ok;
}

} // namespace xport::cli
