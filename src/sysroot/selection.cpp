// The selection table: the folders a sysroot keeps and what is taken from each.
#include "sysroot/selection.hpp"

#include <algorithm>
#include <array>
#include <fnmatch.h>

#include "sysroot/member_path.hpp"
#include "util/text.hpp"

namespace xport::sysroot {
namespace {

// Header trees: everything below is taken (C++ headers have no suffix, bits/ folders nest).
constexpr std::array default_trees = {
    "usr/include",
    "usr/local/include",
    "usr/*-*/include",               // Debian cross: usr/aarch64-linux-gnu/include
    "usr/lib/gcc/*/*/include",       // gcc's own headers (stddef.h, arm_neon.h ...)
    "usr/lib/gcc/*/*/include-fixed", //
    "usr/lib/gcc-cross/*/*/include", //
    "usr/lib/gcc-cross/*/*/include-fixed",
    "usr/lib/gcc[0-9]*/include", // DragonFly: usr/lib/gcc80
};

// Library folders: only library-like files directly inside, plus their pkgconfig/ folder.
constexpr std::array default_libraries = {
    "lib",
    "lib64",
    "usr/lib",
    "usr/lib64",
    "usr/local/lib",
    "lib/*-*",               // Debian multiarch: lib/aarch64-linux-gnu
    "usr/lib/*-*",           // usr/lib/aarch64-linux-gnu
    "usr/*-*/lib",           // Debian cross: usr/aarch64-linux-gnu/lib
    "usr/*-*/lib64",         //
    "usr/lib/gcc/*/*",       // crtbegin.o, libgcc.a: usr/lib/gcc/x86_64-linux-gnu/12
    "usr/lib/gcc-cross/*/*", // usr/lib/gcc-cross/aarch64-linux-gnu/12
    "usr/lib/gcc[0-9]*",     // DragonFly: usr/lib/gcc80
    "usr/share",             // only its pkgconfig/ folder qualifies (no library files live there)
    "usr/libdata",           // FreeBSD's pkgconfig/ folders: usr/libdata/pkgconfig,
    "usr/local/libdata",     // and the packages' usr/local/libdata/pkgconfig
};

constexpr std::array library_suffixes = {".o", ".a", ".so", ".spec"};

std::vector<std::string> components(std::string_view path) {
  std::vector<std::string_view> parts = util::split(path, '/', util::EmptyParts::skipped);
  return {parts.begin(), parts.end()};
}

// Does `dir_pattern` match exactly the first dir_pattern.size() components of `parts`?
bool matches_prefix(const std::vector<std::string>& dir_pattern,
                    const std::vector<std::string>& parts) {
  if (parts.size() < dir_pattern.size())
    return false;
  for (std::size_t i = 0; i < dir_pattern.size(); ++i)
    if (fnmatch(dir_pattern[i].c_str(), parts[i].c_str(), 0) != 0)
      return false;
  return true;
}

void add_unique(std::vector<std::vector<std::string>>& list, std::string_view dir) {
  std::vector<std::string> pattern = components(util::trim(dir, "/"));
  if (!pattern.empty() && std::find(list.begin(), list.end(), pattern) == list.end())
    list.push_back(std::move(pattern));
}

} // namespace

bool is_library_like(std::string_view name) {
  for (std::string_view suffix : library_suffixes)
    if (name.ends_with(suffix) && name.size() > suffix.size())
      return true;
  // Versioned shared objects: libc.so.6, libstdc++.so.6.0.30, ld-elf.so.1.
  std::size_t so = name.find(".so.");
  return so != std::string_view::npos && so > 0;
}

Selection::Selection(const target::Profile& profile, bool all) : all_(all) {
  for (std::string_view dir : profile.include_dirs)
    add_unique(trees_, dir);
  for (std::string_view dir : default_trees)
    add_unique(trees_, dir);
  for (std::string_view dir : profile.library_dirs)
    add_unique(libraries_, dir);
  for (std::string_view dir : profile.startfile_dirs)
    add_unique(libraries_, dir);
  for (std::string_view dir : default_libraries)
    add_unique(libraries_, dir);
  if (!profile.dynamic_linker.empty())
    exact_.emplace_back(util::trim(profile.dynamic_linker, "/"));
}

bool Selection::wants(std::string_view path, MemberKind kind) const {
  if (all_)
    return true;
  if (path.empty())
    return false;
  if (std::find(exact_.begin(), exact_.end(), path) != exact_.end())
    return kind != MemberKind::directory;
  std::vector<std::string> parts = components(path);
  for (const auto& tree : trees_)
    if (matches_prefix(tree, parts))
      return parts.size() > tree.size() || kind == MemberKind::symlink;
  if (kind == MemberKind::directory)
    return false; // folders are made as the files in them need them
  std::string_view leaf = leaf_of(path);
  for (const auto& dir : libraries_) {
    if (!matches_prefix(dir, parts))
      continue;
    // A symlinked library folder itself (lib -> usr/lib) keeps the layout intact.
    if (parts.size() == dir.size())
      return kind == MemberKind::symlink;
    if (parts.size() == dir.size() + 1 && is_library_like(leaf) && dir.back() != "share")
      return true;
    if (parts.size() == dir.size() + 2 && parts[dir.size()] == "pkgconfig" && leaf.ends_with(".pc"))
      return true;
  }
  return false;
}

} // namespace xport::sysroot
