// Recognising xport shell's tree from inside it, and the plan that leaves the program to it.
#include "run/enclosing_shell.hpp"

#include <fstream>
#include <unistd.h>

#include <fmt/format.h>

namespace xport::run {
namespace fs = std::filesystem;

bool traced_by_proot() {
  std::ifstream status("/proc/self/status");
  std::string line;
  long tracer = 0;
  while (std::getline(status, line))
    if (line.starts_with("TracerPid:"))
      tracer = std::strtol(line.c_str() + 10, nullptr, 10);
  if (tracer <= 0)
    return false;
  std::error_code ec;
  fs::path exe = fs::read_symlink(fmt::format("/proc/{}/exe", tracer), ec);
  return !ec && exe.filename().string().starts_with("proot");
}

ShellDecision enclosing_shell(const Request& r, const std::string& emulator) {
  auto variable = [&](const char* name) {
    auto it = r.env.find(name);
    return it == r.env.end() ? std::string() : it->second;
  };
  std::string target = variable("XPORT_SHELL_TARGET");
  if (target.empty())
    return {};
  if (target != r.profile.name)
    return {false, fmt::format("inside xport shell for {}, another target: qemu runs it", target)};
  if (variable("XPORT_SHELL_QEMU") != emulator)
    return {false, fmt::format("inside xport shell for {}, whose emulator '{}' is not this run's "
                               "'{}' (another sysroot): qemu runs it",
                               target, variable("XPORT_SHELL_QEMU"), emulator)};
  if (!r.traced_by_proot)
    return {false, fmt::format("XPORT_SHELL_TARGET={} is set, but this process is not in a proot "
                               "tree: qemu runs it",
                               target)};
  return {true, fmt::format("inside xport shell for {}: exec'd as it is, and the shell's proot "
                            "runs it under '{}' as it runs every program of the tree",
                            target, emulator)};
}

Plan deferred_to_shell(const Request& r, const fs::path& program, const ShellDecision& decision) {
  Plan plan;
  plan.method = Method::shell;
  plan.argv = {program.string()};
  plan.argv.insert(plan.argv.end(), r.args.begin(), r.args.end());
  plan.env = r.env;
  plan.reason = decision.note;
  return plan;
}

} // namespace xport::run
