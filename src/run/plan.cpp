// The choice of method, in the order a user expects: an explicit runner wins (the user knows the
// machine), then the host itself, then qemu-user for Linux targets, else an error listing options.
#include "run/plan.hpp"

#include <fmt/format.h>

#include "run/emulated_tree.hpp"
#include "run/enclosing_shell.hpp"
#include "run/program_file.hpp"
#include "run/proot_syscalls.hpp"
#include "run/qemu_prefix.hpp"
#include "run/ssh_runner.hpp"
#include "target/platform.hpp"
#include "util/error.hpp"
#include "util/json_text.hpp"

namespace xport::run {
namespace fs = std::filesystem;
namespace {

std::string ways_to_run(const Request& r) {
  return fmt::format(
      "  - pass --runner 'CMD ARGS' (PROG and its arguments are appended), e.g. --runner 'ssh "
      "testhost'\n"
      "  - or set {}='CMD ARGS' in the environment\n"
      "  - or add runner = [\"CMD\", \"ARGS\"] to a profile inheriting '{}' (--profile FILE or "
      "~/.config/xport/targets/)\n"
      "  - for a Linux target: install qemu-user (apt-get install qemu-user) and set qemu = "
      "\"<arch>\" in the profile",
      runner_variable(r.profile.name), r.profile.name);
}

Plan runner_plan(const Request& r, const Runner& runner, const fs::path& program) {
  if (!util::find_program(runner.command[0], r.env))
    throw Error("cannot run '{}' for {}: the runner '{}' (from {}) is not an executable program "
                "{}; install it, or fix the runner command",
                r.program, r.profile.name, runner.command[0], runner.origin,
                runner.command[0].find('/') == std::string::npos ? "found in PATH"
                                                                 : "at that path");
  Plan plan;
  plan.method = Method::runner;
  plan.argv = runner.command;
  plan.argv.push_back(program.string());
  plan.argv.insert(plan.argv.end(), r.args.begin(), r.args.end());
  plan.env = r.env;
  plan.reason = "runner from " + runner.origin;
  plan.runner = runner;
  if (is_ssh_runner(runner)) {
    plan.copy_in = files_to_copy(program, r.sysroot, r.env);
    plan.args = r.args;
    plan.argv = runner.command;
    plan.argv.push_back(remote_run_command("/tmp/xport-run.XXXXXX",
                                           plan.copy_in.front().filename().string(), r.args));
    plan.reason +=
        fmt::format(", after copying {} file(s) to the test machine", plan.copy_in.size());
  }
  return plan;
}

std::string arch_of_machine(uint16_t machine, bool is64) {
  for (const target::ArchFacts& arch : target::architectures())
    if (arch.elf_machine == machine && arch.is_64 == is64)
      return std::string(arch.name);
  return fmt::format("ELF machine {}", machine);
}

// A program for another machine than the target's would fail in qemu or the kernel with a message
// about something else (a missing interpreter in the sysroot, "Exec format error").
void check_machine(const Request& r, const ProgramFile& file) {
  const target::ArchFacts* arch = target::arch_facts(r.profile.arch);
  if (!file.elf || !arch || (file.machine == arch->elf_machine && file.is64 == arch->is_64))
    return;
  std::string program_arch = arch_of_machine(file.machine, file.is64);
  throw Error("cannot run '{}' for {}: it is a {}-bit {} program, and {} runs {}-bit {} programs; "
              "pass the --target it was built for (one whose arch is {}), or rebuild it for {}",
              r.program, r.profile.name, file.is64 ? 64 : 32, program_arch, r.profile.name,
              arch->is_64 ? 64 : 32, arch->name, program_arch, r.profile.name);
}

// A `#!` script: its interpreter is a host program (or a foreign one, which proot hands to qemu
// too), and the foreign programs it starts must run under qemu, so it runs as xport shell runs a
// command.
Plan script_plan(const Request& r, const fs::path& program) {
  TreeRequest tree;
  tree.profile = r.profile;
  tree.sysroot = r.sysroot;
  tree.command = {program.string()};
  tree.command.insert(tree.command.end(), r.args.begin(), r.args.end());
  tree.env = r.env;
  tree.host = r.host;
  tree.what = fmt::format("the script '{}'", r.program);
  Plan plan = emulated_tree_plan(tree);
  plan.reason = "a script: " + plan.reason;
  return plan;
}

Plan qemu_plan(const Request& r, const fs::path& program, const ProgramFile& file) {
  if (!file.elf && !file.script)
    throw Error("cannot run '{}' for {}: it is neither an ELF program nor a script starting with "
                "'#!', so qemu-user cannot start it; pass the program built for {}",
                r.program, r.profile.name, r.profile.name);
  std::optional<fs::path> found = find_qemu(r.profile, r.env);
  if (!found)
    throw Error(
        "cannot run '{}' for {} ({} Linux) on this {} host: {} is not installed (not in "
        "PATH); install it with 'apt-get install qemu-user', or name another way to run it:\n{}",
        r.program, r.profile.name, r.profile.arch, r.host.arch,
        qemu_program(r.profile.arch, r.profile.qemu), ways_to_run(r));
  const std::string& interpreter = file.interpreter;
  std::optional<QemuLibraries> libs;
  if (r.sysroot)
    libs = qemu_libraries(r.sysroot->root, r.sysroot->layout, interpreter);
  else if (!interpreter.empty() && !fs::exists(interpreter))
    throw Error("cannot run '{}' for {}: it is dynamically linked (interpreter {}) and there is no "
                "sysroot for {}; pass --sysroot NAME|PATH, import one with 'xport sysroot import "
                "MEDIA --target {}', or link the program with -static",
                r.program, r.profile.name, interpreter, r.profile.name, r.profile.name);
  ShellDecision shell = enclosing_shell(
      r, tree_emulator_command(*found, libs ? std::optional(libs->prefix) : std::nullopt));
  if (shell.defer)
    return deferred_to_shell(r, program, shell);
  if (file.script)
    return script_plan(r, program);
  Plan plan;
  plan.method = Method::qemu;
  plan.argv = {found->string()};
  plan.env = r.env;
  plan.reason =
      fmt::format("{} Linux program on a {} host: qemu-user", r.profile.arch, r.host.arch);
  if (libs) {
    plan.argv.insert(plan.argv.end(), {"-L", libs->prefix.string()});
    if (!libs->guest_libs.empty()) {
      // The guest's loader, not qemu, must see these; qemu's -E sets them for the guest only.
      std::string guest = fmt::format("{}", fmt::join(libs->guest_libs, ":"));
      if (auto it = r.env.find("LD_LIBRARY_PATH"); it != r.env.end() && !it->second.empty())
        guest = it->second + ":" + guest;
      plan.argv.insert(plan.argv.end(), {"-E", "LD_LIBRARY_PATH=" + guest});
    }
    plan.reason += " with " + libs->prefix.string() + " as library prefix";
  }
  if (!shell.note.empty())
    plan.reason += " (" + shell.note + ")";
  // QEMU_LD_PREFIX from the caller's environment would compete with -L; drop it.
  plan.env.erase("QEMU_LD_PREFIX");
  plan.argv.push_back("--");
  plan.argv.push_back(program.string());
  plan.argv.insert(plan.argv.end(), r.args.begin(), r.args.end());
  return plan;
}

} // namespace

const char* method_name(Method method) {
  switch (method) {
  case Method::native:
    return "native";
  case Method::qemu:
    return "qemu";
  case Method::runner:
    return "runner";
  case Method::shell:
    return "shell";
  }
  return "?";
}

fs::path resolve_program(const std::string& program, const util::Environment& env) {
  if (program.empty())
    throw UsageError("the program to run is an empty string");
  std::optional<fs::path> found;
  if (program.find('/') != std::string::npos) {
    if (fs::is_regular_file(program))
      found = program;
  } else {
    found = util::find_program(program, env);
  }
  if (!found) {
    std::string hint = program.find('/') == std::string::npos && fs::exists(program)
                           ? fmt::format("; to run the file in this folder, write ./{}", program)
                           : "";
    throw Error("cannot run '{}': no such program{}", program, hint);
  }
  return *found;
}

std::optional<Method> choose_method(const target::Profile& profile, bool has_runner,
                                    const Host& host) {
  if (has_runner)
    return Method::runner;
  if (runs_natively(profile, host))
    return Method::native;
  // qemu-user runs the programs of the OSes whose row says so (Linux system calls); a profile may
  // still name a qemu for something else.
  const target::OsFacts* kernel = target::os_facts(target::program_kernel(profile));
  if ((kernel && kernel->qemu_user) || !profile.qemu.empty())
    return Method::qemu;
  return std::nullopt;
}

Plan plan_run(const Request& r) {
  fs::path program = resolve_program(r.program, r.env);
  std::optional<Runner> runner = configured_runner(r.profile, r.runner_option, r.env);
  std::optional<Method> method = choose_method(r.profile, runner.has_value(), r.host);
  if (method == Method::runner)
    return runner_plan(r, *runner, program);
  ProgramFile file = method ? read_program_file(program) : ProgramFile{};
  check_machine(r, file);
  if (method == Method::native) {
    Plan plan;
    plan.method = Method::native;
    plan.argv = {program.string()};
    plan.argv.insert(plan.argv.end(), r.args.begin(), r.args.end());
    plan.env = r.env;
    plan.reason = fmt::format("{} runs on this {} {} host", r.profile.name, r.host.arch, r.host.os);
    return plan;
  }
  if (method == Method::qemu)
    return qemu_plan(r, program, file);
  throw Error("no way to run '{}' for {} ({} {}) on this {} {} host: its profile names no runner, "
              "and qemu-user runs only Linux programs. Name one:\n{}",
              r.program, r.profile.name, r.profile.arch, r.profile.os, r.host.arch, r.host.os,
              ways_to_run(r));
}

EnvironmentChanges environment_changes(const Plan& plan, const util::Environment& caller) {
  EnvironmentChanges changes;
  for (const auto& [name, value] : plan.env)
    if (auto it = caller.find(name); it == caller.end() || it->second != value)
      changes.set.emplace_back(name, value);
  for (const auto& [name, value] : caller)
    if (!plan.env.count(name))
      changes.unset.push_back(name);
  return changes;
}

std::vector<std::string> printable_command(const Plan& plan, const util::Environment& caller) {
  EnvironmentChanges changes = environment_changes(plan, caller);
  if (changes.set.empty() && changes.unset.empty())
    return plan.argv;
  std::vector<std::string> out = {"env"};
  for (const std::string& name : changes.unset)
    out.insert(out.end(), {"-u", name});
  for (const auto& [name, value] : changes.set)
    out.push_back(name + "=" + value);
  out.insert(out.end(), plan.argv.begin(), plan.argv.end());
  return out;
}

nlohmann::json to_json(const Plan& plan, const util::Environment& caller) {
  nlohmann::json j;
  j["method"] = method_name(plan.method);
  j["argv"] = plan.argv;
  j["reason"] = plan.reason;
  if (plan.runner)
    j["runner_origin"] = plan.runner->origin;
  for (const fs::path& file : plan.copy_in)
    j["copy_in"].push_back(file.string());
  EnvironmentChanges changes = environment_changes(plan, caller);
  for (const auto& [name, value] : changes.set)
    j["env"][name] = value;
  for (const std::string& name : changes.unset)
    j["unset_env"].push_back(name);
  if (plan.deny_untranslated_syscalls)
    for (std::string_view name : syscalls_proot_cannot_translate())
      j["enosys_syscalls"].push_back(name);
  return j;
}

std::string printed_plan(const Plan& plan, const util::Environment& caller, bool json) {
  return json ? util::json_text(to_json(plan, caller))
              : util::shell_join(printable_command(plan, caller));
}

} // namespace xport::run
