// How a user names a runner without editing a profile: `xport run --runner CMD`, or the
// environment variable XPORT_RUNNER_<TARGET> (the target name upper-cased, every character that is
// not a letter or digit turned into '_'), both holding a command in shell word syntax. The
// profile's own `runner` list comes last. See docs/run.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "target/profile.hpp"
#include "util/process.hpp"

namespace xport::run {

struct Runner {
  std::vector<std::string> command; // PROG and ARGS are appended
  std::string origin;               // where it was configured, for messages
};

// "aarch64-unknown-linux-gnu" -> "XPORT_RUNNER_AARCH64_UNKNOWN_LINUX_GNU".
std::string runner_variable(std::string_view target);

// The runner the user asked for: --runner (when given), else XPORT_RUNNER_<TARGET> from env, else
// the profile's `runner` field; nullopt when none is set.
std::optional<Runner> configured_runner(const target::Profile& profile,
                                        const std::optional<std::string>& option,
                                        const util::Environment& env);

} // namespace xport::run
