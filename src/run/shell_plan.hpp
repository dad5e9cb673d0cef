// `xport shell`: a command (by default the user's shell) in which the target's programs run however
// they are started. Natively when the host runs the target; for a foreign Linux target, in a
// process tree whose every foreign exec runs under qemu-user (emulated_tree.hpp); for anything
// else an error, since qemu-user runs Linux programs only and a runner cannot be put under a
// whole tree.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "run/host.hpp"
#include "run/plan.hpp"
#include "sysroot/lookup.hpp"
#include "target/profile.hpp"
#include "util/process.hpp"

namespace xport::run {

struct ShellRequest {
  target::Profile profile;
  std::optional<sysroot::FoundSysroot> sysroot;
  std::vector<std::string> command; // empty: $SHELL (else /bin/sh), interactive
  util::Environment env;
  Host host;
};

// Throws xport::Error when the target's programs cannot run here, naming why and what to do.
Plan plan_shell(const ShellRequest& request);

} // namespace xport::run
