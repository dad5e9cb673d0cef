// Deciding how to run a program for a target: the runner the user or the profile names, natively
// when the host can run the target, under qemu-user for Linux targets of other architectures, or
// an error that names every way to make it runnable. The plan is the exact command xport execs.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "run/host.hpp"
#include "run/runner_config.hpp"
#include "sysroot/lookup.hpp"
#include "target/profile.hpp"
#include "util/process.hpp"

namespace xport::run {

// `shell`: inside the tree xport shell made for the same target and qemu command, the program is
// exec'd as it is and the shell's proot runs it under its qemu (enclosing_shell.hpp).
enum class Method { native, qemu, runner, shell };

struct Request {
  target::Profile profile;
  std::optional<sysroot::FoundSysroot> sysroot; // the target's sysroot, if any
  std::string program;                          // as the user gave it
  std::vector<std::string> args;
  std::optional<std::string> runner_option; // --runner CMD
  util::Environment env;                    // the environment the program should see
  Host host;
  bool traced_by_proot = false; // this process runs in a proot tree (enclosing_shell.hpp)
};

struct Plan {
  Method method = Method::native;
  std::vector<std::string> argv; // argv[0] is looked up in env's PATH
  util::Environment env;
  std::string reason; // one line: why this method ("runner from $XPORT_RUNNER_...")
  std::optional<Runner> runner;
  // An ssh runner: these files (the program first) are copied to the test machine, and the
  // program runs there with `args`; argv then shows the remote command with a placeholder folder.
  std::vector<std::filesystem::path> copy_in;
  std::vector<std::string> args;
  // A proot tree: before exec, the system calls proot 5.1 does not translate are made to fail
  // with ENOSYS, so programs fall back to ones it does (proot_syscalls.hpp).
  bool deny_untranslated_syscalls = false;
};

// Resolves PROG as a shell would (a name without '/' is searched in PATH). Throws xport::Error
// when it does not exist or is a folder.
std::filesystem::path resolve_program(const std::string& program, const util::Environment& env);

// The method for the profile's programs on `host`, or nullopt when there is none (not native, not
// Linux, no runner configured).
std::optional<Method> choose_method(const target::Profile& profile, bool has_runner,
                                    const Host& host);

// Throws xport::Error when no method applies, or when the one that applies cannot start
// (qemu or the runner program not installed).
Plan plan_run(const Request& request);

// What the plan changes in `caller`, the environment xport was started with: variables it sets
// (name, value) and the names it removes.
struct EnvironmentChanges {
  std::vector<std::pair<std::string, std::string>> set;
  std::vector<std::string> unset;
};
EnvironmentChanges environment_changes(const Plan& plan, const util::Environment& caller);

// The plan's command as a user would type it: `env -u NAME NAME=VALUE ... ARGV...` when the plan
// changes the environment, else ARGV.
std::vector<std::string> printable_command(const Plan& plan, const util::Environment& caller);

// {"method", "argv", "reason", "runner_origin"?, "copy_in"?, "env"?, "unset_env"?,
//  "enosys_syscalls"?}
nlohmann::json to_json(const Plan& plan, const util::Environment& caller);
// What --print-command prints: the printable command, or the JSON document with `json`.
std::string printed_plan(const Plan& plan, const util::Environment& caller, bool json);
const char* method_name(Method method);

} // namespace xport::run
