// What qemu-user does not emulate, as a program run under it meets it. qemu logs each system call
// and socket option it has no emulation for when started with `-d unimp -D FILE` ("Unsupported
// syscall: 425", "Unsupported setsockopt level=0 optname=32"); the guest only sees ENOSYS or
// ENOPROTOOPT, which a test suite reports as its own failure. With --explain (or XPORT_VERBOSE=1)
// xport run starts qemu so, waits for it, and names each gap once, pointing at docs/run.md's
// table "qemu-user gaps". Without, xport run execs qemu as always: no log, no waiting.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "run/plan.hpp"

namespace xport::run {

// True when the plan execs qemu-user itself for one program (not a proot tree, not a runner).
bool runs_qemu_directly(const Plan& plan);

// Adds `-d unimp -D LOG` after qemu in the plan's command.
void log_qemu_gaps(Plan& plan, const std::filesystem::path& log);

// One sentence per distinct gap in qemu's log (in the order first met), for a program of `arch`;
// calls every program makes and copes with (glibc's rseq registration) are left out.
std::vector<std::string> explain_qemu_gaps(const std::string& log_text, const std::string& arch);

// Runs a plan that execs qemu directly with qemu's log of what it does not emulate, then names
// each gap on standard error and ends like the program. The log goes to a file under $TMPDIR (else
// /tmp); an unreadable log explains nothing and never changes how the run ends.
[[noreturn]] void run_explaining_gaps(Plan plan, const std::string& arch);

// The same for xport shell's proot tree: every qemu in it logs (one log per qemu process: qemu
// replaces %d in -D's file name with its process id), and each gap is named once.
[[noreturn]] void run_tree_explaining_gaps(Plan plan, const std::string& arch);

} // namespace xport::run
