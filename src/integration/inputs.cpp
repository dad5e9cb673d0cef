// Gathering what the integration files need from the machine (see inputs.hpp).
#include "integration/inputs.hpp"

#include <algorithm>

#include "driver/compiler.hpp"
#include "driver/toolchain_links.hpp"
#include "run/build_tool_runner.hpp"
#include "util/paths.hpp"

namespace xport::integration {

namespace fs = std::filesystem;

Inputs gather_inputs(const target::Profile& profile, const std::string& sysroot,
                     const std::vector<std::string>& profile_files, const util::Environment& env) {
  Inputs in;
  in.profile = &profile;
  driver::ToolchainSettings settings{profile.name, sysroot, profile_files, {}};
  in.toolchain_dir = driver::managed_toolchain(settings, util::self_path(), env);
  in.sysroot = sysroot::open_sysroot(sysroot, profile, env);
  in.staging_dir = staging_dir(env, profile);
  if (in.sysroot) {
    // The flags of a link of a placeholder input: everything but the compiler and the input.
    const std::string placeholder = "xport-placeholder.c";
    driver::CompilerRequest request{&profile, sysroot, driver::Language::c, {placeholder}, ""};
    util::Environment quiet = env;
    quiet.erase("XPORT_LAUNCHER");
    in.clang_config = clang_config_flags(driver::plan_compiler(request, quiet), placeholder);
  }
  std::optional<fs::path> root;
  if (in.sysroot)
    root = in.sysroot->root;
  in.runner = run::build_tool_runner(util::self_path(), profile, root, profile_files, env);
  return in;
}

fs::path staging_dir(const util::Environment& env, const target::Profile& profile) {
  return util::store_home(env) / "staging" / profile.name;
}

std::vector<std::string> clang_config_flags(const driver::CompilerCommand& link,
                                            std::string_view placeholder) {
  std::vector<std::string> out;
  // Skip the launcher and compiler: everything up to the first option.
  auto first = std::find_if(link.argv.begin(), link.argv.end(),
                            [](const std::string& w) { return w.starts_with("-"); });
  for (auto it = first; it != link.argv.end(); ++it)
    if (*it != placeholder)
      out.push_back(*it);
  return out;
}

} // namespace xport::integration
