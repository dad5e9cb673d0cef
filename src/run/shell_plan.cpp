// The choice for xport shell: the host itself, a proot tree with qemu-user, or an error.
#include "run/shell_plan.hpp"

#include <fmt/format.h>

#include "run/emulated_tree.hpp"
#include "target/platform.hpp"
#include "util/error.hpp"

namespace xport::run {

Plan plan_shell(const ShellRequest& r) {
  std::vector<std::string> command = r.command;
  if (command.empty()) {
    auto shell = r.env.find("SHELL");
    command = {shell != r.env.end() && !shell->second.empty() ? shell->second : "/bin/sh"};
  }
  std::string what = fmt::format("'{}'", command.front());
  if (runs_natively(r.profile, r.host)) {
    Plan plan;
    plan.method = Method::native;
    plan.argv = command;
    plan.env = r.env;
    plan.env["XPORT_SHELL_TARGET"] = r.profile.name;
    plan.reason = fmt::format("{} runs on this {} {} host: the command runs as it is",
                              r.profile.name, r.host.arch, r.host.os);
    return plan;
  }
  const target::OsFacts* kernel = target::os_facts(target::program_kernel(r.profile));
  if (!(kernel && kernel->qemu_user) && r.profile.qemu.empty())
    throw Error(
        "cannot run {} with the programs of {} ({} {}) on this {} {} host: xport shell starts "
        "foreign programs under qemu-user, which runs Linux programs only. Run the tests through "
        "a runner instead: name one (xport run --runner 'CMD', {}='CMD', or runner = [...] in a "
        "profile inheriting '{}'), and let the build tool start the tests with xport run (the "
        "files 'xport emit cmake|meson|cargo' writes do); see docs/run.md, 'Runners'",
        what, r.profile.name, r.profile.arch, r.profile.os, r.host.arch, r.host.os,
        runner_variable(r.profile.name), r.profile.name);
  TreeRequest tree;
  tree.profile = r.profile;
  tree.sysroot = r.sysroot;
  tree.command = command;
  tree.env = r.env;
  tree.host = r.host;
  tree.what = what;
  return emulated_tree_plan(tree);
}

} // namespace xport::run
