// Starting other programs: capture a command's output, or replace this process with one (exec).
// Environments are explicit maps, so callers decide exactly what a child sees.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

#include "util/result.hpp"

namespace xport::util {

using Environment = std::map<std::string, std::string>;

// This process's environment.
Environment current_environment();

// The value of the variable `name` in `env`, or `fallback` when it is unset or empty.
std::string env_or(const Environment& env, const std::string& name, std::string fallback);

struct Completed {
  int exit_code = 0; // valid when signal == 0
  int signal = 0;    // the signal that ended the child, or 0
  std::string out;   // standard output
  std::string err;   // standard error
  bool ok() const { return signal == 0 && exit_code == 0; }
};

struct RunOptions {
  std::optional<Environment> env; // nullopt: inherit
  std::optional<std::filesystem::path> cwd;
  std::string input; // written to the child's standard input
};

// Runs argv (argv[0] looked up in PATH) to completion, capturing both output streams. Fails only
// when the program cannot be started; a non-zero exit is a Completed with exit_code set.
Result<Completed> run_capture(const std::vector<std::string>& argv, const RunOptions& options = {});

// Runs argv to completion with its standard output and error both going to this process's standard
// error, so a long build shows its progress while xport's own output stays clean. Fails only when
// the program cannot be started.
Result<Completed> run_to_stderr(const std::vector<std::string>& argv,
                                const RunOptions& options = {});

// Runs argv to completion with this process's standard input, output and error, as a shell
// runs a command. Fails only when the program cannot be started.
Result<Completed> run_attached(const std::vector<std::string>& argv,
                               const RunOptions& options = {});

// Waits for the child `pid` to end (through EINTR) and says how: exit code or signal.
Completed wait_for(pid_t pid);

// Replaces this process with argv under env (argv[0] looked up in env's PATH). Returns only on
// failure, by throwing xport::Error that names the program and the reason.
[[noreturn]] void exec(const std::vector<std::string>& argv, const Environment& env);

// The first executable `name` in `path_list` (colon-separated, as $PATH); a name with a slash is
// checked as it is.
std::optional<std::filesystem::path> find_program(std::string_view name,
                                                  std::string_view path_list);
// The same through the environment's PATH ("" when it has none).
std::optional<std::filesystem::path> find_program(std::string_view name, const Environment& env);
std::string search_path(const Environment& env); // its PATH, "" when it has none

// Quotes a word for a POSIX shell when it needs it, so printed commands can be pasted back.
std::string shell_quote(std::string_view word);
std::string shell_join(const std::vector<std::string>& argv);

} // namespace xport::util
