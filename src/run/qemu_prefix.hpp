// The library prefix qemu-user gets for a sysroot (-L). qemu resolves the guest's absolute paths
// (the interpreter /lib/ld-linux-aarch64.so.1, then every library the guest's ld.so opens) by
// trying <prefix>/<path> first. The sysroot part records in Layout::runtime_root which folder
// plays the target's "/" ("" for a sysroot in the target's own layout, "usr/aarch64-linux-gnu" for
// Debian's cross packages); library folders the target's loader would not search by itself are
// passed to the guest as LD_LIBRARY_PATH.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sysroot/layout.hpp"

namespace xport::run {

struct QemuLibraries {
  std::filesystem::path prefix;        // for qemu -L
  std::vector<std::string> guest_libs; // guest paths for LD_LIBRARY_PATH; empty: none needed
};

// `interpreter` is the program's PT_INTERP ("" for a static program). Throws xport::Error naming
// the sysroot, the interpreter and the remedy when the interpreter is not in the sysroot.
QemuLibraries qemu_libraries(const std::filesystem::path& root, const sysroot::Layout& layout,
                             const std::string& interpreter);

} // namespace xport::run
