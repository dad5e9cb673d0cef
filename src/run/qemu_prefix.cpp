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

// A folder outside the runtime root matters at run time only if the link could have taken a
// shared library from it (Debian's cross layout has a usr/lib holding only gcc-cross/).
bool holds_shared_library(const fs::path& dir) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    auto so = name.find(".so");
    if (so != std::string::npos && (so + 3 == name.size() || name[so + 3] == '.'))
      return true;
  }
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
    if (dir == layout.gcc_dir)
      continue; // link-time only: crtbegin.o, libgcc.a and links into the runtime root
    if (!inside.empty() && !dir.starts_with(inside)) {
      // Outside the target's "/": qemu finds it by its host path when <prefix>/<path> is absent.
      if (holds_shared_library(root / dir)) {
        out.guest_libs.push_back((root / dir).string());
        out.host_dirs.push_back((root / dir).string());
      }
      continue;
    }
    std::string guest = "/" + dir.substr(inside.size());
    if (!searched_by_default(guest)) {
      out.guest_libs.push_back(guest);
      out.host_dirs.push_back((out.prefix / guest.substr(1)).string());
    }
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
