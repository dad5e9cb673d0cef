// The shared start of `xport emit` and `xport env`.
#include "cli/integration_inputs.hpp"

#include "run/build_tool_runner.hpp"
#include "util/process.hpp"

namespace xport::cli {

driver::IntegrationInputs integration_inputs(const target::Profile& profile,
                                             const TargetOptions& target,
                                             const std::string& sysroot) {
  util::Environment env = util::current_environment();
  driver::IntegrationInputs in =
      driver::prepare_integration(profile, sysroot, target.profiles, env);
  in.runner = run::build_tool_runner(in, target.profiles, env);
  return in;
}

} // namespace xport::cli
