// Building the cargo command line and environment for `xport cargo`.
#include "rust/cargo_plan.hpp"

#include <algorithm>

#include <fmt/format.h>

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

} // namespace

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
  plan.argv = {r.cargo.string(), r.user_args.front(), "-Z",
               r.has_std ? "build-std=std,panic_abort" : "build-std=core,alloc"};
  if (r.json_target_spec_flag)
    plan.argv.insert(plan.argv.end(), {"-Z", "json-target-spec"});
  plan.argv.insert(plan.argv.end(), {"--target", r.spec_file.string()});
  auto user_dir = r.env.find("CARGO_TARGET_DIR");
  if (!has_option(rest, "--target-dir") && (user_dir == r.env.end() || user_dir->second.empty()))
    plan.argv.insert(
        plan.argv.end(),
        {"--target-dir", (r.workspace_root / "target" / ("xport-" + r.target_name)).string()});
  plan.argv.insert(plan.argv.end(), rest.begin(), rest.end());

  plan.env = r.env;
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
  return plan;
}

} // namespace xport::rust
