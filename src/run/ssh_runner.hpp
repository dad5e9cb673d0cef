// Running through ssh on a test machine: the program and the libraries it needs that the target
// does not have (found next to it, in its RUNPATH or LD_LIBRARY_PATH, and not in the sysroot) are
// copied into a fresh folder on the remote side, run there with that folder on LD_LIBRARY_PATH,
// and removed afterwards. Only ssh itself is used (files travel over its standard input), so the
// runner's own options (-p 2222, -i key, -o ...) apply to every step.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "run/launch.hpp"
#include "run/runner_config.hpp"
#include "sysroot/lookup.hpp"
#include "util/process.hpp"

namespace xport::run {

// True for a runner whose program is ssh: then xport copies the program in first.
bool is_ssh_runner(const Runner& runner);

// The program, then every DT_NEEDED library found on this side outside the sysroot.
std::vector<std::filesystem::path>
files_to_copy(const std::filesystem::path& program,
              const std::optional<sysroot::FoundSysroot>& sysroot, const util::Environment& env);

// The remote commands, for --print-command and tests: "sh -c '...'" strings ssh passes to the
// remote login shell.
std::string remote_run_command(const std::string& folder, const std::string& program_name,
                               const std::vector<std::string>& args);

// Copies `files` in, runs the first with `args`, removes the folder, and returns how the program
// ended (a remote status 128+N, the shell's report of signal N, is taken as signal N).
// Throws xport::Error naming the step and ssh's message when a step before the run fails.
Ending run_over_ssh(const Runner& runner, const std::vector<std::filesystem::path>& files,
                    const std::vector<std::string>& args, const util::Environment& env);

} // namespace xport::run
