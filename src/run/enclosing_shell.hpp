// xport run inside the tree `xport shell` made for the same target: the shell's proot already runs
// every foreign exec under its qemu, so xport run execs the program as it is instead of starting a
// qemu of its own under proot. A qemu that xport run starts is a host program to proot, so the
// program would run differently from the same program started by anything else in the tree: the
// guest inherits proot's rebuilt host LD_LIBRARY_PATH (/host-rootfs/...), stat("/proc/self/exe")
// answers qemu's file, and a relative program path makes qemu's /proc/self/exe follow the working
// folder (docs/run.md, "Inside xport shell").
//
// The tree is recognised by three things together: XPORT_SHELL_TARGET names the target,
// XPORT_SHELL_QEMU is the emulator xport run would use (the same qemu and library prefix), and
// this process is traced by proot. Any one missing (another target, another sysroot, a variable
// left in an environment outside the tree) and xport run starts qemu itself, as everywhere else.
#pragma once

#include <optional>
#include <string>

#include "run/plan.hpp"

namespace xport::run {

// True when this process's tracer (/proc/self/status TracerPid) is a program named proot.
bool traced_by_proot();

struct ShellDecision {
  bool defer = false;
  std::string note; // why (not): for the plan's reason
};

// Whether `r` runs inside xport shell's tree for its target, whose proot runs foreign programs
// with `emulator` (tree_emulator_command) exactly as xport run would.
ShellDecision enclosing_shell(const Request& r, const std::string& emulator);

// The plan that execs PROG ARGS directly.
Plan deferred_to_shell(const Request& r, const std::filesystem::path& program,
                       const ShellDecision& decision);

} // namespace xport::run
