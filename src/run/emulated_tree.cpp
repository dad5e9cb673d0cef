// The proot command line and environment for a tree whose foreign execs run under qemu-user.
#include "run/emulated_tree.hpp"

#include <fmt/format.h>

#include "run/qemu_prefix.hpp"
#include "util/error.hpp"

namespace xport::run {
namespace fs = std::filesystem;
std::optional<fs::path> find_qemu(const target::Profile& profile, const util::Environment& env) {
  std::string qemu = qemu_program(profile.arch, profile.qemu);
  std::optional<fs::path> found = util::find_program(qemu, env);
  return found ? found : util::find_program(qemu + "-static", env);
}

std::string tree_emulator_command(const fs::path& qemu, const std::optional<fs::path>& prefix) {
  return prefix ? fmt::format("{} -L {}", qemu.string(), prefix->string()) : qemu.string();
}

Plan emulated_tree_plan(const TreeRequest& r) {
  std::optional<fs::path> qemu = find_qemu(r.profile, r.env);
  if (!qemu)
    throw Error("cannot run {} for {}: the {} Linux programs it starts need {}, which is not "
                "installed (not in PATH); install it with 'apt-get install qemu-user'",
                r.what, r.profile.name, r.profile.arch,
                qemu_program(r.profile.arch, r.profile.qemu));
  std::optional<fs::path> proot = util::find_program("proot", r.env);
  if (!proot)
    throw Error("cannot run {} for {}: running the {} programs it starts under qemu-user needs "
                "proot, which is not installed (not in PATH); install it with 'apt-get install "
                "proot'",
                r.what, r.profile.name, r.profile.arch);
  Plan plan;
  plan.method = Method::qemu;
  plan.env = r.env;
  plan.reason = fmt::format("{} Linux programs on a {} host: every exec of one in the process "
                            "tree runs under {} (proot)",
                            r.profile.arch, r.host.arch, qemu->filename().string());
  std::optional<fs::path> prefix;
  if (r.sysroot) {
    QemuLibraries libs = qemu_libraries(r.sysroot->root, r.sysroot->layout, "");
    prefix = libs.prefix;
    if (!libs.host_dirs.empty()) {
      std::string dirs = fmt::format("{}", fmt::join(libs.host_dirs, ":"));
      if (auto it = r.env.find("LD_LIBRARY_PATH"); it != r.env.end() && !it->second.empty())
        dirs = it->second + ":" + dirs;
      plan.env["LD_LIBRARY_PATH"] = dirs;
    }
    plan.reason += " with " + libs.prefix.string() + " as library prefix";
  } else {
    plan.reason += "; no sysroot, so only static programs start";
  }
  for (const std::string& word : {qemu->string(), prefix ? prefix->string() : std::string()})
    if (word.find(' ') != std::string::npos)
      throw Error("cannot run {} for {}: proot splits its qemu command at spaces, and '{}' "
                  "contains one; use a sysroot or qemu whose path has no space (a store sysroot, "
                  "or a symbolic link to the folder, passed with --sysroot)",
                  r.what, r.profile.name, word);
  if (!r.command.empty() && r.command.front().starts_with("-"))
    throw UsageError("the command to run, '{}', starts with '-'; proot would take it for one of "
                     "its options: name the program first",
                     r.command.front());
  // QEMU_LD_PREFIX from the caller's environment would compete with -L; drop it.
  plan.env.erase("QEMU_LD_PREFIX");
  plan.env["XPORT_SHELL_TARGET"] = r.profile.name;
  plan.env["XPORT_SHELL_QEMU"] = tree_emulator_command(*qemu, prefix);
  plan.deny_untranslated_syscalls = true;
  plan.argv = {proot->string(), "-q", plan.env["XPORT_SHELL_QEMU"]};
  plan.argv.insert(plan.argv.end(), r.command.begin(), r.command.end());
  return plan;
}

} // namespace xport::run
