// Building the cargo command line and environment for `xport cargo`.
#include "rust/cargo_plan.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "util/error.hpp"
#include "util/suggest.hpp"

namespace xport::rust {
namespace {

// Cargo's short aliases, resolved so the table below stays one name per command.
const std::vector<std::pair<std::string, std::string>> aliases = {
    {"b", "build"}, {"c", "check"}, {"r", "run"}, {"t", "test"}};

bool has_option(const std::vector<std::string>& args, const std::string& name) {
  for (const std::string& a : args) {
    if (a == "--")
      break;
    if (a == name || a.starts_with(name + "="))
      return true;
  }
  return false;
}

// The std built for the spec reaches rustc and rustdoc as --sysroot, added to the flags the user
// already gives rather than replacing them: cargo uses only the first of CARGO_ENCODED_RUSTFLAGS,
// RUSTFLAGS and the config files' rustflags, so xport extends whichever is in force, and through
// --config (merged with the config files' target.<T>.rustflags) when neither variable is set.
// With --target, cargo applies these flags to target units only: build scripts and proc macros
// keep the host's std.
void add_sysroot_flags(const CargoRequest& r, CargoPlan& plan) {
  plan.env = r.env;
  const std::string dir = r.std_sysroot.string();
  auto extend = [&](const std::string& name, char separator) {
    auto it = plan.env.find(name);
    if (it == plan.env.end() || it->second.empty())
      return false;
    it->second += fmt::format("{}--sysroot{}{}", separator, separator, dir);
    plan.env_changes.push_back(name + "=" + it->second);
    return true;
  };
  if (!extend("CARGO_ENCODED_RUSTFLAGS", '\x1f') && !extend("RUSTFLAGS", ' '))
    plan.argv.insert(plan.argv.end(),
                     {"--config", fmt::format("target.{}.rustflags=[\"--sysroot\", {}]",
                                              r.target_name, nlohmann::json(dir).dump())});
  if (!extend("CARGO_ENCODED_RUSTDOCFLAGS", '\x1f') && !extend("RUSTDOCFLAGS", ' ')) {
    plan.env["RUSTDOCFLAGS"] = "--sysroot " + dir;
    plan.env_changes.push_back("RUSTDOCFLAGS=--sysroot " + dir);
  }
}

} // namespace

std::string cargo_target_variable(const std::string& target, const std::string& key) {
  std::string name = "CARGO_TARGET_";
  for (char c : target)
    name += std::isalnum(static_cast<unsigned char>(c))
                ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
                : '_';
  return name + "_" + key;
}

const std::vector<std::string>& cargo_build_subcommands() {
  static const std::vector<std::string> names = {"bench", "build", "check",   "clippy", "doc",
                                                 "run",   "rustc", "rustdoc", "test"};
  return names;
}

CargoPlan plan_cargo(const CargoRequest& r) {
  if (r.user_args.empty())
    throw UsageError("no cargo command: give one after the target, e.g. `xport cargo {} build "
                     "--release`",
                     r.target_name);
  std::string subcommand = r.user_args.front();
  for (const auto& [alias, name] : aliases)
    if (subcommand == alias)
      subcommand = name;
  const auto& known = cargo_build_subcommands();
  if (!std::binary_search(known.begin(), known.end(), subcommand))
    throw UsageError("xport cargo runs cargo commands that build for a target ({}), not '{}'{}; "
                     "run other cargo commands with cargo itself",
                     fmt::join(known, ", "), r.user_args.front(),
                     util::did_you_mean(subcommand, known));
  std::vector<std::string> rest(r.user_args.begin() + 1, r.user_args.end());
  if (has_option(rest, "--target"))
    throw UsageError("xport cargo {} sets --target to the spec derived for the profile; drop "
                     "your --target",
                     r.target_name);

  CargoPlan plan;
  plan.argv = {r.cargo.string(), r.user_args.front()};
  if (r.json_target_spec_flag)
    plan.argv.insert(plan.argv.end(), {"-Z", "json-target-spec"});
  plan.argv.insert(plan.argv.end(), {"--target", r.spec_file.string()});
  auto user_dir = r.env.find("CARGO_TARGET_DIR");
  if (!has_option(rest, "--target-dir") && (user_dir == r.env.end() || user_dir->second.empty()))
    plan.argv.insert(
        plan.argv.end(),
        {"--target-dir", (r.workspace_root / "target" / ("xport-" + r.target_name)).string()});
  add_sysroot_flags(r, plan);
  plan.argv.insert(plan.argv.end(), rest.begin(), rest.end());

  auto set = [&](const std::string& name, const std::string& value) {
    plan.env[name] = value;
    plan.env_changes.push_back(name + "=" + value);
  };
  // The toolchain's own compiler, not whatever rustup's proxy would pick in this folder.
  set("RUSTC", r.rustc.string());
  if (!r.rustdoc.empty())
    set("RUSTDOC", r.rustdoc.string());
  if (!r.nightly) {
    set("RUSTC_BOOTSTRAP", "1");
  } else if (plan.env.erase("RUSTC_BOOTSTRAP")) {
    plan.env_changes.push_back("-RUSTC_BOOTSTRAP");
  }
  if (r.panic == "abort") {
    // Profiles whose panic setting cargo honours (test and bench always unwind).
    set("CARGO_PROFILE_DEV_PANIC", "abort");
    set("CARGO_PROFILE_RELEASE_PANIC", "abort");
  }
  std::string runner_variable = cargo_target_variable(r.target_name, "RUNNER");
  if (!r.runner.empty() && !r.env.contains(runner_variable))
    set(runner_variable, fmt::format("{}", fmt::join(r.runner, " ")));
  return plan;
}

} // namespace xport::rust
