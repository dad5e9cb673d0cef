// The start files' ABI note, restored for --gc-sections links (see abi_note.hpp).
#include "driver/abi_note.hpp"

#include <fstream>
#include <regex>

#include <fmt/format.h>

#include "driver/emutls_runtime.hpp"

namespace xport::driver {
namespace fs = std::filesystem;

bool link_loses_abi_note(const target::Profile& profile, const UserArgs& user) {
  return profile.abi_note && profile.abi_note->encoding == target::NoteVersionEncoding::freebsd &&
         user.links() && user.gc_sections && !user.shared && !user.relocatable &&
         user.wants_start_files();
}

std::optional<unsigned long> freebsd_version(const fs::path& root) {
  std::ifstream in(root / "usr" / "include" / "osreldate.h");
  static const std::regex define(R"(^\s*#\s*define\s+__FreeBSD_version\s+(\d+))");
  std::string line;
  std::smatch m;
  while (std::getline(in, line))
    if (std::regex_search(line, m, define))
      return std::stoul(m[1].str());
  return std::nullopt;
}

std::string abi_note_assembly(const target::AbiNote& note, unsigned long version) {
  return fmt::format("# {} ABI note, as the start files' crtbrand.S has it, outside any group: "
                     "written by xport (src/driver/abi_note.cpp).\n"
                     "\t.section .note.tag,\"a\",%note\n"
                     "\t.p2align 2\n"
                     "\t.long {}\n" // name size, with its NUL
                     "\t.long 4\n"  // descriptor size: one word
                     "\t.long {}\n" // type
                     "\t.asciz \"{}\"\n"
                     "\t.p2align 2\n"
                     "\t.long {}\n",
                     note.name, note.name.size() + 1, note.type, note.name, version);
}

std::string ensure_abi_note_object(const target::Profile& profile, const SysrootView& sysroot,
                                   const util::Environment& env, const fs::path& cache_root,
                                   std::string_view chosen_clang) {
  std::optional<unsigned long> version = freebsd_version(sysroot.root);
  if (!version || !profile.abi_note)
    return "";
  CachedObject what{"abi-note",
                    fmt::format("the {} ABI note object", profile.abi_note->name),
                    abi_note_assembly(*profile.abi_note, *version),
                    "abi-note.s",
                    "abi-note.o",
                    {}};
  return ensure_target_object(what, profile, sysroot, env, cache_root, chosen_clang).string();
}

} // namespace xport::driver
