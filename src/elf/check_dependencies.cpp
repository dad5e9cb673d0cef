// Dependency checks against a sysroot: every DT_NEEDED library must be found there, and every
// undefined (non-weak) dynamic symbol must be defined by one of the libraries found, following
// their own NEEDED entries (the loader's global scope). With GNU symbol versions, a reference
// "foo@GLIBC_2.34" is satisfied only by a definition of foo with that version, unless the
// defining library has no version definitions at all.
#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "elf/check.hpp"
#include "elf/input.hpp"
#include "elf/library_search.hpp"

namespace xport::elf {
namespace {

struct Definitions {
  // name -> versions it is defined with ("" = unversioned), and whether the library versions.
  std::map<std::string, std::set<std::string>, std::less<>> versions;
  std::set<std::string, std::less<>> unversioned_libraries_define;
};

struct LoadedLibrary {
  std::string needed;
  std::filesystem::path path;
  std::vector<std::string> needs;
};

std::string searched_text(const LibrarySearch& search) {
  std::string text;
  for (const std::string& d : search.searched())
    text += (text.empty() ? "" : ", ") + d;
  return text;
}

// How the library was most likely asked for: "libz.so.1" -> "-lz"; any other name as it is
// ("ld-linux.so.2", "c", names shorter than "lib" itself).
std::string link_option_for(const std::string& lib) {
  auto so = lib.find(".so");
  if (lib.starts_with("lib") && so != std::string::npos && so > 3)
    return "-l" + lib.substr(3, so - 3);
  return lib;
}

} // namespace

void check_unavailable_symbols(const ElfFile& elf, const ImageName& name,
                               const CheckContext& context, std::vector<Finding>& out) {
  const std::vector<std::string>& lacking = context.profile.unavailable_symbols;
  if (lacking.empty() || (elf.type() != ET_EXEC && elf.type() != ET_DYN))
    return;
  for (const Symbol& s : elf.symbols(false)) {
    if (s.defined() || s.name.empty() || s.bind != STB_GLOBAL ||
        std::find(lacking.begin(), lacking.end(), s.name) == lacking.end())
      continue;
    Finding f = make_finding(Code::symbol_unavailable, name.file, name.member);
    f.symbol = std::string(s.name);
    f.message =
        fmt::format("imports `{}`, which the C library of {} does not define (its profile "
                    "lists it in unavailable-symbols), although the sysroot's does: there the "
                    "program fails to load, or when it first calls it",
                    f.symbol, context.profile.name);
    f.remedy = "build against a standard library or C code that does without it (an older "
               "release of the library that calls it), or add it to the target's libc";
    out.push_back(std::move(f));
  }
}

void check_dependencies(const ElfFile& elf, const ImageName& name, const CheckContext& context,
                        std::vector<Finding>& out) {
  if (!context.sysroot || (elf.type() != ET_EXEC && elf.type() != ET_DYN))
    return;
  const std::filesystem::path& root = *context.sysroot;
  std::vector<std::string> needed, run_paths;
  for (const DynamicEntry& e : elf.dynamic()) {
    if (e.tag == DT_NEEDED)
      needed.emplace_back(elf.dynamic_string(e.value));
    else if (e.tag == DT_RUNPATH || e.tag == DT_RPATH)
      for (std::string& dir : split_search_path(elf.dynamic_string(e.value)))
        run_paths.push_back(std::move(dir));
  }
  if (needed.empty())
    return;
  LibrarySearch search(root, context.profile.library_dirs);
  search.add_run_paths(run_paths);

  // Breadth-first over NEEDED, as the loader builds its global scope.
  Definitions defs;
  std::set<std::string> seen;
  std::set<std::string> missing_direct;
  std::deque<std::pair<std::string, bool>> queue; // (name, direct)
  for (const std::string& n : needed)
    queue.emplace_back(n, true);
  bool incomplete = false;
  while (!queue.empty()) {
    auto [lib, direct] = queue.front();
    queue.pop_front();
    if (!seen.insert(lib).second)
      continue;
    std::optional<std::filesystem::path> path = search.find(lib);
    if (!path) {
      incomplete = true;
      if (direct) {
        Finding f = make_finding(Code::needed_missing, name.file, name.member);
        f.section = ".dynamic";
        f.symbol = lib;
        f.message =
            fmt::format("needs {} (DT_NEEDED), which is not in the sysroot {} (searched {})", lib,
                        root.string(), searched_text(search));
        f.remedy = fmt::format("import a sysroot that contains {} (xport sysroot import), or "
                               "link without {}",
                               lib, link_option_for(lib));
        out.push_back(std::move(f));
      }
      continue;
    }
    try {
      Input input = open_input(*path);
      if (input.images.size() != 1 || input.archive)
        continue;
      ElfFile library(path->string(), input.images[0].bytes);
      bool versioned = library.section(".gnu.version_d") != nullptr;
      for (const Symbol& s : library.symbols(false)) {
        if (!s.defined() || s.name.empty() || s.bind == STB_LOCAL)
          continue;
        defs.versions[std::string(s.name)].insert(std::string(s.version));
        if (!versioned)
          defs.unversioned_libraries_define.insert(std::string(s.name));
      }
      for (const DynamicEntry& e : library.dynamic())
        if (e.tag == DT_NEEDED)
          queue.emplace_back(std::string(library.dynamic_string(e.value)), false);
    } catch (const Error& e) {
      incomplete = true;
      Finding f = make_finding(Code::malformed, name.file, name.member);
      f.symbol = lib;
      f.message = fmt::format("needs {}, found as {}, which cannot be read: {}", lib,
                              path->string(), e.what());
      f.remedy = "repair or re-import the sysroot";
      out.push_back(std::move(f));
    }
  }

  std::set<std::string> found_libraries;
  for (const std::string& lib : seen)
    if (search.find(lib))
      found_libraries.insert(lib);
  for (const Symbol& s : elf.symbols(false)) {
    if (s.defined() || s.name.empty() || s.bind != STB_GLOBAL)
      continue;
    // With libraries missing, only references versioned to a library that was found are judged.
    if (incomplete &&
        (s.version_file.empty() || !found_libraries.count(std::string(s.version_file))))
      continue;
    auto it = defs.versions.find(s.name);
    bool ok = false;
    if (it != defs.versions.end())
      ok = s.version.empty() || it->second.count(std::string(s.version)) ||
           defs.unversioned_libraries_define.count(s.name);
    if (ok)
      continue;
    Finding f = make_finding(Code::undefined_symbol, name.file, name.member);
    f.symbol = demangle(s.name);
    std::string versioned = s.version.empty() ? "" : fmt::format("@{}", s.version);
    std::string from =
        s.version_file.empty() ? "" : fmt::format(" (expected from {})", s.version_file);
    if (it == defs.versions.end())
      f.message = fmt::format("refers to `{}`{}{}, which none of its libraries in the sysroot "
                              "defines (searched {})",
                              f.symbol, versioned, from, fmt::join(found_libraries, ", "));
    else
      f.message = fmt::format("refers to `{}`{}{}, but the sysroot's libraries define it only as "
                              "version {}",
                              f.symbol, versioned, from, fmt::join(it->second, ", "));
    f.remedy = "link against the sysroot of the release you deploy to (an older or newer libc "
               "lacks this symbol or version), or provide the library that defines it";
    out.push_back(std::move(f));
  }
}

} // namespace xport::elf
