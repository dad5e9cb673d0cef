// qemu's library prefix and the guest's extra library folders for a sysroot.
#include "run/qemu_prefix.hpp"

#include <algorithm>

#include "util/error.hpp"

namespace xport::run {
namespace fs = std::filesystem;
namespace {

// Folders a glibc, musl or BSD loader searches without being told (Debian's multiarch ones
// included, for any triplet).
bool searched_by_default(std::string_view guest) {
  static constexpr std::string_view plain[] = {"/lib", "/lib64", "/usr/lib", "/usr/lib64"};
  if (std::find(std::begin(plain), std::end(plain), guest) != std::end(plain))
    return true;
  for (std::string_view parent : {"/lib/", "/usr/lib/"})
    if (guest.starts_with(parent) && guest.find('/', parent.size()) == std::string_view::npos &&
        guest.find("-linux-") != std::string_view::npos)
      return true;
  return false;
}

} // namespace

QemuLibraries qemu_libraries(const fs::path& root, const sysroot::Layout& layout,
                             const std::string& interpreter) {
  QemuLibraries out;
  std::string runtime = layout.runtime_root;
  out.prefix = runtime.empty() ? root : root / runtime;
  std::string inside = runtime.empty() ? "" : runtime + "/";
  for (const std::string& dir : layout.library_dirs) {
    if (!inside.empty() && !dir.starts_with(inside))
      continue; // link-time only (gcc-cross's folder): the target never sees it
    std::string guest = "/" + dir.substr(inside.size());
    if (!searched_by_default(guest))
      out.guest_libs.push_back(guest);
  }
  if (!interpreter.empty() && !fs::exists(out.prefix / fs::path(interpreter).relative_path()))
    throw Error("the program's interpreter {} is not in the sysroot {} (looked for {}); import the "
                "target's C library into the sysroot (for Debian: libc6-<arch>-cross), pass the "
                "right one with --sysroot, or link the program with -static",
                interpreter, root.string(),
                (out.prefix / fs::path(interpreter).relative_path()).string());
  return out;
}

} // namespace xport::run
