// Gathering what the integration files need from the machine (see integration.hpp).
#include "driver/compiler.hpp"
#include "driver/integration.hpp"
#include "driver/toolchain_links.hpp"

namespace xport::driver {

IntegrationInputs prepare_integration(const target::Profile& profile, const std::string& sysroot,
                                      const std::vector<std::string>& profile_files,
                                      const util::Environment& env) {
  IntegrationInputs in;
  in.profile = &profile;
  ToolchainSettings settings{profile.name, sysroot, profile_files, {}};
  in.toolchain_dir = managed_toolchain(settings, self_path(), env);
  in.sysroot = open_sysroot(sysroot, profile, env);
  in.staging_dir = staging_dir(env, profile);
  if (in.sysroot) {
    // The flags of a link of a placeholder input: everything but the compiler and the input.
    const std::string placeholder = "xport-placeholder.c";
    CompilerRequest request{&profile, sysroot, Language::c, {placeholder}};
    util::Environment quiet = env;
    quiet.erase("XPORT_LAUNCHER");
    in.clang_config = clang_config_flags(plan_compiler(request, quiet), placeholder);
  }
  return in;
}

} // namespace xport::driver
