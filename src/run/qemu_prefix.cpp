// Building qemu's library prefix for a sysroot whose interpreter is not where the guest looks.
#include "run/qemu_prefix.hpp"

#include <algorithm>
#include <cstdint>
#include <unistd.h>

#include <fmt/format.h>

#include "util/error.hpp"

namespace xport::run {
namespace fs = std::filesystem;
namespace {

std::string relative_guest(std::string_view guest) {
  while (guest.starts_with("/"))
    guest.remove_prefix(1);
  return std::string(guest);
}

// The sysroot's library folders, relative: the profile's, then every multiarch lib folder
// (usr/<triple>/lib, usr/lib/<triple>) and the plain ones, in that order, without repeats.
std::vector<std::string> library_folders(const fs::path& root, const target::Profile& profile) {
  std::vector<std::string> dirs;
  auto add = [&](const std::string& rel) {
    if (!rel.empty() && fs::is_directory(root / rel) &&
        std::find(dirs.begin(), dirs.end(), rel) == dirs.end())
      dirs.push_back(rel);
  };
  for (const std::string& d : profile.library_dirs)
    add(relative_guest(d));
  std::error_code ec;
  for (const char* parent : {"usr", "usr/lib", "lib"}) {
    for (const fs::directory_entry& e : fs::directory_iterator(root / parent, ec)) {
      std::string name = e.path().filename().string();
      if (name.find("-linux-") == std::string::npos || !e.is_directory())
        continue;
      std::string base = std::string(parent) + "/" + name;
      add(base + "/lib64");
      add(base + "/lib");
      add(base);
    }
  }
  for (const char* d : {"lib64", "lib", "usr/lib64", "usr/lib"})
    add(d);
  return dirs;
}

uint64_t fnv1a(std::string_view text) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text)
    h = (h ^ c) * 1099511628211ull;
  return h;
}

// Makes `dir` (inside the prefix) mirror `source` (inside the sysroot) by links, except for the
// entry `keep`, which the caller fills in.
void mirror(const fs::path& dir, const fs::path& source, const std::string& keep) {
  fs::create_directories(dir);
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(source, ec)) {
    std::string name = e.path().filename().string();
    if (name != keep)
      fs::create_directory_symlink(e.path(), dir / name);
  }
}

fs::path build_prefix(const fs::path& root, const std::string& interp_rel, const fs::path& found,
                      const fs::path& cache) {
  fs::path prefix = cache / fmt::format("{:016x}", fnv1a(root.string() + "\n" + interp_rel));
  if (fs::exists(prefix / interp_rel))
    return prefix;
  fs::create_directories(cache);
  fs::path staging = cache / fmt::format(".staging-{}", getpid());
  fs::remove_all(staging);
  // Mirror each folder on the interpreter's path, then link the interpreter itself.
  fs::path rel(interp_rel);
  fs::path inside, in_root = root;
  for (auto it = rel.begin(); it != rel.end(); ++it) {
    std::string part = it->string();
    if (std::next(it) == rel.end()) {
      mirror(staging / inside, in_root, part);
      fs::create_symlink(found, staging / inside / part);
    } else {
      mirror(staging / inside, in_root, part);
      inside /= part;
      in_root /= part;
    }
  }
  std::error_code ec;
  fs::rename(staging, prefix, ec);
  if (ec) // another run made it first, or a stale one is in the way
    fs::remove_all(staging);
  if (!fs::exists(prefix / interp_rel)) {
    fs::remove_all(prefix);
    throw Error("cannot make the qemu library prefix {} for sysroot {}: {}", prefix.string(),
                root.string(), ec ? ec.message() : "the interpreter link is missing");
  }
  return prefix;
}

} // namespace

QemuLibraries qemu_libraries(const fs::path& root, const target::Profile& profile,
                             const std::string& interpreter, const fs::path& cache) {
  std::string guest_interp = interpreter.empty() ? profile.dynamic_linker : interpreter;
  std::vector<std::string> folders = library_folders(root, profile);
  QemuLibraries out;
  for (const std::string& d : folders)
    out.guest_libs.push_back("/" + d);
  if (guest_interp.empty()) { // a static program, or a profile without a dynamic linker
    out.prefix = root;
    return out;
  }
  std::string interp_rel = relative_guest(guest_interp);
  if (fs::exists(root / interp_rel)) {
    out.prefix = root;
    return out;
  }
  std::string name = fs::path(interp_rel).filename().string();
  for (const std::string& d : folders) {
    if (fs::exists(root / d / name)) {
      out.prefix = build_prefix(root, interp_rel, root / d / name, cache);
      return out;
    }
  }
  std::string searched;
  for (const std::string& d : folders)
    searched += (searched.empty() ? "" : ", ") + d;
  throw Error(
      "sysroot {} has no dynamic linker {} (looked in /{} and in {}); import the target's C "
      "library into it (for Debian: libc6-<arch>-cross), or build the program with -static",
      root.string(), guest_interp, interp_rel, searched.empty() ? "no library folders" : searched);
}

} // namespace xport::run
