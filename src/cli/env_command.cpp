// `xport env --target T [--sysroot S] [--json]`: the variables that make build systems use xport
// for T (CC, CXX, AR ..., PKG_CONFIG_SYSROOT_DIR/LIBDIR, CARGO_TARGET_<T>_LINKER, CC_<t> ...), as
// `export` lines for `eval "$(xport env --target T)"`.
#include <iostream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/target_options.hpp"
#include "integration/emit.hpp"
#include "util/json_text.hpp"
#include "util/process.hpp"

namespace xport::cli {

int run_env(const Invocation& inv) {
  CLI::App app{"Print the environment that makes build systems cross-compile for a target with "
               "xport, as shell export lines (eval \"$(xport env --target T)\")."};
  TargetOptions target;
  std::string sysroot;
  bool json = false;
  add_target_options(app, target);
  app.add_option("--sysroot", sysroot, "sysroot name in the store, or a folder");
  app.add_flag("--json", json, "print a JSON object instead");
  if (auto status = parse(app, inv))
    return *status;
  target::ResolvedProfile resolved = resolve_target(target);
  integration::Inputs in = integration::gather_inputs(resolved.profile, sysroot, target.profiles,
                                                      util::current_environment());
  auto vars = integration::environment_variables(in);
  if (json) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [name, value] : vars)
      out[name] = value;
    std::cout << util::json_text(out) << "\n";
    return exit_ok;
  }
  for (const auto& [name, value] : vars)
    std::cout << "export " << name << "=" << util::shell_quote(value) << "\n";
  return exit_ok;
}

} // namespace xport::cli
