// Dependency checks against a sysroot: every DT_NEEDED library must be found there, and every
// undefined (non-weak) dynamic symbol must be defined by one of the libraries found, following
// their own NEEDED entries (the loader's global scope). With GNU symbol versions, a reference
// "foo@GLIBC_2.34" is satisfied only by a definition of foo with that version, unless the
// defining library has no version definitions at all.
#include <algorithm>
#include <deque>
#include <fstream>
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

// Whether the file at `path` is an ELF image for the same machine, class and byte order as `elf`
// (the loader passes over any other: an x86_64 libz.so.1 beside an aarch64 program).
bool same_machine(const std::filesystem::path& path, const ElfFile& elf) {
  std::ifstream in(path, std::ios::binary);
  unsigned char header[20] = {};
  if (!in.read(reinterpret_cast<char*>(header), sizeof header))
    return false;
  if (header[0] != 0x7f || header[1] != 'E' || header[2] != 'L' || header[3] != 'F')
    return false;
  bool is64 = header[4] == 2;
  bool big = header[5] == 2;
  uint16_t machine = big ? static_cast<uint16_t>(header[18] << 8 | header[19])
                         : static_cast<uint16_t>(header[19] << 8 | header[18]);
  return is64 == elf.is64() && big == elf.big_endian() && machine == elf.machine();
}

std::vector<std::string> run_path_entries(const ElfFile& elf) {
  std::vector<std::string> entries;
  for (const DynamicEntry& e : elf.dynamic())
    if (e.tag == DT_RUNPATH || e.tag == DT_RPATH)
      for (std::string& dir : split_search_path(elf.dynamic_string(e.value)))
        entries.push_back(std::move(dir));
  return entries;
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

std::set<std::string, std::less<>> start_file_symbols(const SysrootPlaces& sysroot) {
  std::set<std::string, std::less<>> names;
  for (const std::string& dir : sysroot.startfile_dirs) {
    std::optional<std::filesystem::path> crt1 = resolve_in_sysroot(sysroot.root, dir + "/crt1.o");
    if (!crt1)
      continue;
    try {
      Input input = open_input(*crt1);
      if (input.images.size() != 1)
        continue;
      ElfFile object(crt1->string(), input.images[0].bytes);
      for (const Symbol& s : object.symbols(true))
        if (s.defined() && !s.name.empty() && s.bind != STB_LOCAL)
          names.emplace(s.name);
    } catch (const Error&) {
      // An unreadable crt1.o: no symbols are taken as the program's.
    }
    break;
  }
  return names;
}

void check_dependencies(const ElfFile& elf, const ImageName& name, const CheckContext& context,
                        std::vector<Finding>& out) {
  if (!context.sysroot || (elf.type() != ET_EXEC && elf.type() != ET_DYN))
    return;
  std::vector<std::string> needed;
  for (const DynamicEntry& e : elf.dynamic())
    if (e.tag == DT_NEEDED)
      needed.emplace_back(elf.dynamic_string(e.value));
  if (needed.empty())
    return;
  LibrarySearch search(*context.sysroot, context.lib_dirs, context.named_files);
  auto accept = [&](const std::filesystem::path& p) { return same_machine(p, elf); };
  // Each library's dependencies are looked up with its own RUNPATH first, as the loader does.
  std::vector<std::vector<SearchDir>> run_dirs{
      search.run_path_dirs(run_path_entries(elf), name.origin)};

  // Breadth-first over NEEDED, as the loader builds its global scope.
  Definitions defs;
  std::set<std::string> seen;
  std::set<std::string> found_libraries;
  struct Wanted {
    std::string name;
    bool direct;
    std::size_t run_dirs; // index into run_dirs: whose RUNPATH applies
  };
  std::deque<Wanted> queue;
  for (const std::string& n : needed)
    queue.push_back({n, true, 0});
  bool incomplete = false;
  while (!queue.empty()) {
    Wanted want = queue.front();
    queue.pop_front();
    const std::string& lib = want.name;
    if (!seen.insert(lib).second)
      continue;
    std::vector<std::filesystem::path> rejected;
    std::optional<std::filesystem::path> path =
        search.find(lib, run_dirs[want.run_dirs], accept, &rejected);
    if (!path) {
      incomplete = true;
      if (want.direct) {
        Finding f = make_finding(Code::needed_missing, name.file, name.member);
        f.section = ".dynamic";
        f.symbol = lib;
        f.message =
            fmt::format("needs {} (DT_NEEDED), which is not in the sysroot {} (searched {})", lib,
                        context.sysroot->root.string(), search.searched(run_dirs[0]));
        if (!rejected.empty()) {
          std::vector<std::string> names;
          for (const std::filesystem::path& r : rejected)
            names.push_back(r.string());
          f.message +=
              fmt::format("; passed over {}, built for another machine", fmt::join(names, ", "));
        }
        f.remedy = fmt::format("import a sysroot that contains {} (xport sysroot import), name "
                               "it on the command line or give its folder with --lib-dir, or "
                               "link without {}",
                               lib, link_option_for(lib));
        out.push_back(std::move(f));
      }
      continue;
    }
    found_libraries.insert(lib);
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
      std::vector<std::string> entries = run_path_entries(library);
      std::size_t dirs = want.run_dirs;
      if (!entries.empty()) {
        // $ORIGIN of a library in the sysroot is its folder there, as on the target.
        run_dirs.push_back(search.run_path_dirs(entries, path->parent_path()));
        dirs = run_dirs.size() - 1;
      }
      for (const DynamicEntry& e : library.dynamic())
        if (e.tag == DT_NEEDED)
          queue.push_back({std::string(library.dynamic_string(e.value)), false, dirs});
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

  // A shared library's references to what every program defines (crt1.o's environ on FreeBSD)
  // are resolved by the program that loads it.
  const bool library = !elf.interpreter().has_value() && elf.type() == ET_DYN;
  for (const Symbol& s : elf.symbols(false)) {
    if (s.defined() || s.name.empty() || s.bind != STB_GLOBAL)
      continue;
    if (library && context.program_symbols.count(s.name))
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
