// Starting the planned command so that its end is xport's end: exec when nothing is left to do
// afterwards (the kernel then hands the exit status or the fatal signal straight to the caller),
// or wait and then end the same way the child did.
#pragma once

#include <string>
#include <vector>

#include "run/plan.hpp"

namespace xport::run {

// How a child ended: exit status, or the signal that killed it.
struct Ending {
  int exit_code = 0;
  int signal = 0;
};

// Replaces this process with the plan's command. Throws xport::Error (naming the program and the
// method) when it cannot be started.
[[noreturn]] void exec_plan(const Plan& plan);

// Runs argv with this process's standard streams and waits for it. Throws xport::Error when it
// cannot be started. While it runs, SIGINT, SIGQUIT and SIGTERM reach it (same process group)
// and are ignored here, as a shell does for a foreground job.
Ending spawn_and_wait(const std::vector<std::string>& argv, const util::Environment& env);

// Ends this process the way `ending` describes: exit(status), or the same signal with its default
// action restored and core dumps off (so the caller sees "killed by SIGABRT", not a new core
// file). Falls back to exit(128 + signal) if the signal does not end the process.
[[noreturn]] void end_like(const Ending& ending);

} // namespace xport::run
