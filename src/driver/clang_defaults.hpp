// What clang 14's own driver already does for a target OS, so xport adds only what it misses or
// gets wrong: the folders it searches inside --sysroot, whether it finds GCC's files through
// --gcc-toolchain, its default dynamic linker, C++ library, runtime library and PIE setting, and
// an OS missing from the table has no linker job in clang (it would run the host's gcc to link).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "target/profile.hpp"

namespace xport::driver {

struct ClangOsFacts {
  std::string_view os;
  bool uses_gcc_installation = false; // Linux: GCC's crtbegin.o/libgcc via --gcc-toolchain
  // Folders clang searches inside the sysroot by itself ("{multiarch}" = clang's multiarch name).
  std::span<const std::string_view> library_dirs;
  std::span<const std::string_view> startfile_dirs;
  std::span<const std::string_view> include_dirs;
  target::CxxStdlib cxx_stdlib = target::CxxStdlib::libstdcxx;
  target::RuntimeLibrary runtime_library = target::RuntimeLibrary::libgcc;
  std::optional<bool> pie_default; // nullopt: depends on how clang was built (Linux)
};

// The facts for profile.os, or nullptr for an OS clang does not know.
const ClangOsFacts* clang_os_facts(std::string_view os);

// clang 14's default program interpreter for the profile's triple ("" when it has none).
std::string clang_dynamic_linker(const target::Profile& profile);

// The multiarch folder name clang 14 looks for on Linux ("aarch64-linux-gnu"); "" elsewhere.
std::string clang_multiarch(const target::Profile& profile);

} // namespace xport::driver
