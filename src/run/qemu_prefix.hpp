// The library prefix qemu-user gets for a sysroot (-L). qemu resolves the guest's absolute paths
// (the interpreter /lib/ld-linux-aarch64.so.1, then every library the guest's ld.so opens) by
// trying <prefix>/<path> first. A sysroot in the target's own layout is its own prefix. Debian's
// cross packages put everything under usr/aarch64-linux-gnu/, where the interpreter path does not
// resolve, so xport makes a prefix folder that mirrors the sysroot with the interpreter linked into
// place, and points the guest's loader at the library folders with LD_LIBRARY_PATH.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "target/profile.hpp"

namespace xport::run {

struct QemuLibraries {
  std::filesystem::path prefix; // for qemu -L
  std::vector<std::string>
      guest_libs; // guest paths for LD_LIBRARY_PATH ("/usr/aarch64-linux-gnu/lib")
};

// Finds the interpreter `interpreter` (a guest path; "" = the profile's dynamic linker) in `root`
// and returns the prefix qemu needs, creating it under `cache` when the sysroot's own layout does
// not resolve the interpreter. Throws xport::Error naming the sysroot when the interpreter is in
// none of its library folders.
QemuLibraries qemu_libraries(const std::filesystem::path& root, const target::Profile& profile,
                             const std::string& interpreter, const std::filesystem::path& cache);

} // namespace xport::run
