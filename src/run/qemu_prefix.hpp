// The library prefix qemu-user gets for a sysroot (-L). qemu resolves the guest's absolute paths
// (the interpreter /lib/ld-linux-aarch64.so.1, then every library the guest's ld.so opens) by
// trying <prefix>/<path> first, then <path> itself. The sysroot part records in
// Layout::runtime_root which folder plays the target's "/" ("" for a sysroot in the target's own
// layout, "usr/aarch64-linux-gnu" for Debian's cross packages). Library folders the link used that
// the target's loader would not search by itself are passed to the guest as LD_LIBRARY_PATH: a
// folder inside the runtime root by its guest path, one outside it (a library staged into the
// sysroot's usr/lib next to Debian's cross packages) by its host path, which qemu's fallback
// finds. gcc's folder is link-time only and never passed.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sysroot/layout.hpp"

namespace xport::run {

struct QemuLibraries {
  std::filesystem::path prefix;        // for qemu -L
  std::vector<std::string> guest_libs; // for the guest's LD_LIBRARY_PATH; empty: none needed
  std::vector<std::string> host_dirs;  // the same folders, every one as a host absolute path
};

// `interpreter` is the program's PT_INTERP ("" for a static program or a script). Throws
// xport::Error naming the sysroot, the interpreter and the remedy when the interpreter is not in
// the sysroot.
QemuLibraries qemu_libraries(const std::filesystem::path& root, const sysroot::Layout& layout,
                             const std::string& interpreter);

} // namespace xport::run
