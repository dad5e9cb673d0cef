// Running a host command (a shell, ctest, meson test, make check, a `#!` script) in a process tree
// in which every exec of a foreign ELF program, from any program of the tree, runs under qemu-user.
// Build tools hand their emulator setting (CMAKE_CROSSCOMPILING_EMULATOR, Meson's exe_wrapper) only
// to the tests they start themselves; a test that starts the program from a script, `sh -c` or a
// Makefile loop execs it directly, and a kernel without binfmt_misc registration for the
// architecture runs it as a shell script ("Syntax error: ")" unexpected").
//
// PRoot (https://proot-me.github.io/, Debian's `proot`) traces the tree with ptrace, without
// privileges: with `-q "qemu-<arch> ARGS"` it turns execve(foreign ELF, argv) into
// execve(qemu-<arch>, {qemu-<arch>, ARGS..., -0, argv[0], path, argv[1]...}) and runs host
// programs as they are. Without -r the tree sees the host's file system unchanged. proot splits the
// -q string at spaces, without quoting, so no word of it may contain one. It runs host programs
// through their dynamic loader with LD_LIBRARY_PATH rebuilt (the host's own folders behind
// /host-rootfs, a bind of /) and hands the LD_LIBRARY_PATH a foreign program was started with to
// qemu's -E; so the sysroot's extra library folders are set in LD_LIBRARY_PATH as host paths, which
// stay valid for the guest either way.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "run/host.hpp"
#include "run/plan.hpp"
#include "sysroot/lookup.hpp"
#include "target/profile.hpp"
#include "util/process.hpp"

namespace xport::run {

// The qemu-user program for the profile (qemu-<arch>, else qemu-<arch>-static) in env's PATH.
std::optional<std::filesystem::path> find_qemu(const target::Profile& profile,
                                               const util::Environment& env);

struct TreeRequest {
  target::Profile profile;
  std::optional<sysroot::FoundSysroot> sysroot;
  std::vector<std::string> command; // a host program and its arguments, or a script
  util::Environment env;
  Host host;
  std::string what; // for messages: "'ctest'", "the script './check.sh'"
};

// The words of proot's -q option: "qemu-<arch>", then "-L PREFIX" when there is a sysroot. xport
// shell records it in XPORT_SHELL_QEMU, and xport run compares its own with it.
std::string tree_emulator_command(const std::filesystem::path& qemu,
                                  const std::optional<std::filesystem::path>& prefix);

// The proot command for `command`, with the environment it needs (XPORT_SHELL_TARGET and
// XPORT_SHELL_QEMU name the tree's target and emulator). Throws xport::Error when qemu or
// proot is missing, or when a path proot must pass to qemu contains a space.
Plan emulated_tree_plan(const TreeRequest& request);

} // namespace xport::run
