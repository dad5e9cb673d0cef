// What `xport emit` and `xport env` both start from: the target, its sysroot and tools
// (driver::prepare_integration), and the `xport run` command that build tools use as emulator.
#pragma once

#include <string>

#include "cli/target_options.hpp"
#include "driver/integration.hpp"

namespace xport::cli {

// The result points at `profile` (IntegrationInputs::profile): keep it alive while using it.
driver::IntegrationInputs integration_inputs(const target::Profile& profile,
                                             const TargetOptions& target,
                                             const std::string& sysroot);

} // namespace xport::cli
