// Layout detection: probe the folders each known layout uses and keep those that exist.
// The search orders follow clang's Linux/Gnu toolchain (clang/lib/Driver/ToolChains/Linux.cpp,
// Gnu.cpp): gcc's folder first, then the multiarch and cross folders, then lib and usr/lib.
#include "sysroot/layout.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <system_error>

#include "target/platform.hpp"
#include "util/text.hpp"

namespace xport::sysroot {
namespace fs = std::filesystem;
namespace {

bool is_dir(const fs::path& root, const std::string& rel) {
  std::error_code ec;
  return !rel.empty() && fs::is_directory(root / rel, ec);
}

bool has_file(const fs::path& root, const std::string& rel) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(root / rel, ec));
}

void add_existing(std::vector<std::string>& out, const fs::path& root, std::string rel) {
  rel = std::string(util::trim(rel, "/"));
  if (is_dir(root, rel) && std::find(out.begin(), out.end(), rel) == out.end())
    out.push_back(rel);
}

// Numeric version order for gcc folders ("12" > "9", "12.2.0" > "12").
std::vector<int> version_of(const std::string& name) {
  std::vector<int> parts;
  const char* p = name.data();
  const char* end = p + name.size();
  while (p < end) {
    int value = 0;
    auto [next, ec] = std::from_chars(p, end, value);
    if (ec != std::errc())
      return parts.empty() ? std::vector<int>{-1} : parts;
    parts.push_back(value);
    p = next;
    if (p < end && *p == '.')
      ++p;
    else if (p < end)
      break;
  }
  return parts;
}

bool holds_gcc_files(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir / "crtbegin.o", ec) || fs::exists(dir / "libgcc.a", ec) ||
         fs::exists(dir / "crtbeginS.o", ec);
}

// The highest-versioned child of `parent` holding gcc's files ("usr/lib/gcc-cross/<t>/12").
std::string best_versioned_child(const fs::path& root, const std::string& parent) {
  std::error_code ec;
  std::string best;
  std::vector<int> best_version;
  for (const auto& entry : fs::directory_iterator(root / parent, ec)) {
    std::string name = entry.path().filename().string();
    if (!entry.is_directory(ec) || !holds_gcc_files(entry.path()))
      continue;
    std::vector<int> v = version_of(name);
    if (best.empty() || v > best_version) {
      best = parent + "/" + name;
      best_version = v;
    }
  }
  return best;
}

std::string find_gcc_dir(const fs::path& root, const target::Profile& profile,
                         const std::string& triplet) {
  for (const std::string& dir : profile.library_dirs) // DragonFly's usr/lib/gcc80
    if (dir.find("gcc") != std::string::npos && holds_gcc_files(root / util::trim(dir, "/")))
      return std::string(util::trim(dir, "/"));
  std::vector<std::string> parents;
  if (!triplet.empty()) {
    parents.push_back("usr/lib/gcc-cross/" + triplet);
    parents.push_back("usr/lib/gcc/" + triplet);
  }
  parents.push_back("usr/lib/gcc/" + profile.llvm_triple);
  for (const std::string& parent : parents)
    if (is_dir(root, parent))
      if (std::string dir = best_versioned_child(root, parent); !dir.empty())
        return dir;
  // gcc's files right in usr/lib (FreeBSD, NetBSD, OpenBSD): no folder of their own, and no
  // listing of usr/lib (a thousand entries) on every compile.
  if (holds_gcc_files(root / "usr/lib"))
    return "";
  // Plain BSD layouts: usr/lib/gcc80, usr/lib/gcc47 (highest version wins).
  std::error_code ec;
  std::string best;
  std::vector<int> best_version;
  for (const auto& entry : fs::directory_iterator(root / "usr/lib", ec)) {
    std::string name = entry.path().filename().string();
    if (!name.starts_with("gcc") || !entry.is_directory(ec) || !holds_gcc_files(entry.path()))
      continue;
    std::vector<int> v = version_of(name.substr(3));
    if (best.empty() || v > best_version) {
      best = "usr/lib/" + name;
      best_version = v;
    }
  }
  return best;
}

std::string highest_version_child(const fs::path& root, const std::string& parent) {
  std::error_code ec;
  std::string best;
  std::vector<int> best_version;
  for (const auto& entry : fs::directory_iterator(root / parent, ec)) {
    std::string name = entry.path().filename().string();
    std::vector<int> v = version_of(name);
    if (v.empty() || v.front() < 0 || !entry.is_directory(ec))
      continue;
    if (best.empty() || v > best_version) {
      best = name;
      best_version = v;
    }
  }
  return best;
}

} // namespace

std::string debian_triplet(const target::Profile& profile) {
  return target::debian_multiarch(profile);
}

Layout detect_layout(const fs::path& root, const target::Profile& profile) {
  Layout layout;
  std::string t = debian_triplet(profile);
  // Debian's cross packages use the GNU type, which is not the multiarch tuple for i386.
  std::string cross_t = target::debian_cross_triplet(profile);
  bool cross = !cross_t.empty() && (is_dir(root, "usr/" + cross_t + "/lib") ||
                                    is_dir(root, "usr/" + cross_t + "/include"));
  if (cross)
    t = cross_t;
  bool multiarch = !t.empty() && (is_dir(root, "usr/lib/" + t) || is_dir(root, "lib/" + t) ||
                                  is_dir(root, "usr/include/" + t));
  layout.kind = cross ? "debian-cross" : multiarch ? "debian-multiarch" : "plain";
  layout.triplet = (cross || multiarch) ? t : "";
  layout.gcc_dir = find_gcc_dir(root, profile, t);
  if (cross)
    layout.runtime_root = "usr/" + t;

  for (const std::string& dir : profile.include_dirs)
    add_existing(layout.include_dirs, root, dir);
  if (!t.empty()) {
    add_existing(layout.include_dirs, root, "usr/" + t + "/include");
    add_existing(layout.include_dirs, root, "usr/include/" + t);
  }
  add_existing(layout.include_dirs, root, "usr/local/include");
  add_existing(layout.include_dirs, root, "usr/include");

  // libstdc++ headers live in include/c++/<version> (plus a per-triplet folder); libc++'s in
  // include/c++/v1.
  for (const std::string& inc : std::vector<std::string>(layout.include_dirs)) {
    if (is_dir(root, inc + "/c++/v1")) {
      add_existing(layout.cxx_include_dirs, root, inc + "/c++/v1");
      continue;
    }
    std::string version = highest_version_child(root, inc + "/c++");
    if (version.empty())
      continue;
    std::string cxx = inc + "/c++/" + version;
    add_existing(layout.cxx_include_dirs, root, cxx);
    if (!t.empty()) {
      add_existing(layout.cxx_include_dirs, root, cxx + "/" + t);
      add_existing(layout.cxx_include_dirs, root, "usr/include/" + t + "/c++/" + version);
    }
    add_existing(layout.cxx_include_dirs, root, cxx + "/backward");
  }

  if (!layout.gcc_dir.empty())
    add_existing(layout.library_dirs, root, layout.gcc_dir);
  for (const std::string& dir : profile.library_dirs)
    add_existing(layout.library_dirs, root, dir);
  if (!t.empty()) {
    add_existing(layout.library_dirs, root, "usr/" + t + "/lib");
    add_existing(layout.library_dirs, root, "lib/" + t);
    add_existing(layout.library_dirs, root, "usr/lib/" + t);
  }
  add_existing(layout.library_dirs, root, "lib");
  add_existing(layout.library_dirs, root, "usr/lib");
  add_existing(layout.library_dirs, root, "usr/local/lib");

  for (const std::string& dir : profile.startfile_dirs)
    add_existing(layout.startfile_dirs, root, dir);
  for (const std::string& dir : layout.library_dirs)
    if (has_file(root, dir + "/crt1.o") || has_file(root, dir + "/crti.o") ||
        has_file(root, dir + "/Scrt1.o") || dir == layout.gcc_dir)
      add_existing(layout.startfile_dirs, root, dir);

  std::vector<std::string> loaders;
  if (!profile.dynamic_linker.empty()) {
    std::string rel(util::trim(profile.dynamic_linker, "/"));
    loaders.push_back(rel);
    if (cross) // usr/<triplet>/lib/ld-linux-aarch64.so.1 for /lib/ld-linux-aarch64.so.1
      loaders.push_back(layout.runtime_root + "/" + rel);
  }
  for (const std::string& rel : loaders)
    if (has_file(root, rel)) {
      layout.dynamic_linker = rel;
      break;
    }
  return layout;
}

nlohmann::json to_json(const Layout& layout) {
  return {
      {"kind", layout.kind},
      {"triplet", layout.triplet},
      {"include_dirs", layout.include_dirs},
      {"cxx_include_dirs", layout.cxx_include_dirs},
      {"library_dirs", layout.library_dirs},
      {"startfile_dirs", layout.startfile_dirs},
      {"gcc_dir", layout.gcc_dir},
      {"dynamic_linker", layout.dynamic_linker},
      {"runtime_root", layout.runtime_root},
  };
}

Layout layout_from_json(const nlohmann::json& json) {
  Layout layout;
  json.at("kind").get_to(layout.kind);
  json.at("triplet").get_to(layout.triplet);
  json.at("include_dirs").get_to(layout.include_dirs);
  json.at("cxx_include_dirs").get_to(layout.cxx_include_dirs);
  json.at("library_dirs").get_to(layout.library_dirs);
  json.at("startfile_dirs").get_to(layout.startfile_dirs);
  json.at("gcc_dir").get_to(layout.gcc_dir);
  json.at("dynamic_linker").get_to(layout.dynamic_linker);
  json.at("runtime_root").get_to(layout.runtime_root);
  return layout;
}

} // namespace xport::sysroot
