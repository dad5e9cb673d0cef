// Relocation checks and static initializers.
//
// Loader relocation types: in a linked program or library, the relocations in allocated
// SHT_REL/SHT_RELA sections (.rela.dyn, .rela.plt) are what the target's dynamic linker applies;
// each type not in the profile's loader-relocations is an error (Genode's ld.so refused
// R_X86_64_NONE). In a relocatable object the linker resolves most types itself, but a few reach
// the loader unchanged (the "dynamic" types below); those are checked too.
//
// Static initializers (the DragonFly story): a statically linked program runs .preinit_array and
// .init_array only if its start code walks them, which it does through the linker-defined
// __preinit_array_start / __init_array_start symbols; a linker defines those only when some object
// refers to them. .ctors runs only through crtbegin's __CTOR_LIST__ (__do_global_ctors_aux). So:
// a static program (no PT_INTERP) with entries in one of those arrays whose walker symbol is absent
// from .symtab has initializers that never run. Entries 0 and -1 are .ctors' sentinels, not
// initializers. Without .symtab this cannot be verified: a warning says so.
#include <map>

#include <fmt/format.h>

#include "elf/check.hpp"
#include "elf/names.hpp"

namespace xport::elf {
namespace {

// Name suffixes of relocation types a linker may pass through to the loader.
constexpr std::string_view dynamic_suffixes[] = {"_NONE",      "_COPY",     "_GLOB_DAT",
                                                 "_JUMP_SLOT", "_JMP_SLOT", "_RELATIVE",
                                                 "_IRELATIVE", "_TLSDESC"};

bool reaches_loader_unchanged(std::string_view type) {
  for (std::string_view s : dynamic_suffixes)
    if (type.ends_with(s))
      return true;
  return false;
}

struct InitArray {
  const char* section;
  const char* walker; // the symbol whose presence shows the start code walks the array
};
constexpr InitArray init_arrays[] = {{".preinit_array", "__preinit_array_start"},
                                     {".init_array", "__init_array_start"},
                                     {".ctors", "__CTOR_LIST__"}};

// No interpreter: ET_EXEC, or ET_DYN flagged DF_1_PIE (static-pie). Nothing but the program's own
// start code runs its initializers.
bool is_static_program(const ElfFile& elf) {
  if (elf.interpreter())
    return false;
  if (elf.type() == ET_EXEC)
    return true;
  if (elf.type() != ET_DYN)
    return false;
  for (const DynamicEntry& e : elf.dynamic())
    if (e.tag == DT_FLAGS_1 && (e.value & DF_1_PIE))
      return true;
  return false;
}

} // namespace

void check_relocations(const ElfFile& elf, const ImageName& name, const CheckContext& context,
                       std::vector<Finding>& out) {
  const target::Profile& p = context.profile;
  const bool linked = elf.type() == ET_EXEC || elf.type() == ET_DYN;
  if (!p.loader_relocations.empty()) {
    std::map<std::pair<std::string, std::string_view>, std::vector<uint64_t>> rejected;
    // The verdict on each type, decided once: a library has a few types and 10^5 relocations.
    struct Verdict {
      std::string name;
      bool accepted;
    };
    std::map<uint32_t, Verdict> verdicts;
    auto verdict = [&](uint32_t type) -> const Verdict& {
      auto it = verdicts.find(type);
      if (it != verdicts.end())
        return it->second;
      std::string name = relocation_name(elf.machine(), type);
      bool accepted = (!linked && !reaches_loader_unchanged(name)) ||
                      std::find(p.loader_relocations.begin(), p.loader_relocations.end(), name) !=
                          p.loader_relocations.end();
      return verdicts.emplace(type, Verdict{std::move(name), accepted}).first->second;
    };
    for (const Relocation& r : elf.relocations()) {
      if (linked && r.section && !(r.section->flags & SHF_ALLOC))
        continue; // --emit-relocs leftovers: not for the loader
      const Verdict& v = verdict(r.type);
      if (v.accepted)
        continue;
      rejected[{v.name, r.section ? r.section->name : std::string_view("dynamic")}].push_back(
          r.offset);
    }
    for (auto& [key, offsets] : rejected) {
      Finding f = make_finding(Code::relocation_unsupported, name.file, name.member);
      f.section = std::string(key.second);
      f.addresses = offsets;
      f.message = fmt::format("{} {} relocation{} in {} (at {}): {}'s loader does not accept "
                              "{}{}",
                              offsets.size(), key.first, offsets.size() == 1 ? "" : "s", key.second,
                              address_list(offsets), p.name, key.first,
                              linked ? ""
                                     : "; a linker can carry it into the program's dynamic "
                                       "relocations");
      f.remedy = linked ? "relink so the type is not emitted (check the objects that produce it, "
                          "e.g. with xport check on them), or add it to the profile's "
                          "loader-relocations if the loader really handles it"
                        : "remove the relocation from this object (a .reloc directive or a "
                          "toolchain that emits it), or rebuild the object for " +
                              p.name;
      out.push_back(std::move(f));
    }
  }

  bool textrel = false;
  for (const DynamicEntry& e : elf.dynamic())
    textrel |= e.tag == DT_TEXTREL || (e.tag == DT_FLAGS && (e.value & DF_TEXTREL));
  if (textrel) {
    Finding f = make_finding(Code::text_relocation, name.file, name.member);
    f.section = ".dynamic";
    f.message = "has text relocations (DT_TEXTREL/DF_TEXTREL): the loader must make code "
                "writable to patch it, which hardened loaders refuse";
    f.remedy = "build every object with -fPIC (or -fPIE for programs) and relink; "
               "-Wl,-z,text makes the linker name the object at fault";
    out.push_back(std::move(f));
  }
}

void check_static_initializers(const ElfFile& elf, const ImageName& name, const CheckContext&,
                               std::vector<Finding>& out) {
  if (!is_static_program(elf))
    return;
  std::vector<Symbol> symtab = elf.symbols(true);
  auto defined = [&](std::string_view wanted) {
    for (const Symbol& s : symtab)
      if (s.name == wanted)
        return true;
    return false;
  };
  for (const InitArray& a : init_arrays) {
    const Section* sec = elf.section(a.section);
    if (!sec || sec->type == SHT_NOBITS)
      continue;
    std::span<const uint8_t> bytes = elf.contents(*sec);
    const uint64_t word = elf.is64() ? 8 : 4;
    uint64_t entries = 0;
    for (uint64_t at = 0; at + word <= bytes.size(); at += word) {
      uint64_t v = elf.view().word(sec->offset + at, elf.is64(), "an initializer entry");
      uint64_t all_ones = elf.is64() ? ~uint64_t{0} : 0xffffffffu;
      if (v != 0 && v != all_ones)
        ++entries;
    }
    // In a PIE or static-pie the entries are filled by relocations; count slots instead.
    if (entries == 0 && elf.type() == ET_DYN)
      entries = bytes.size() / word;
    if (entries == 0)
      continue;
    if (symtab.empty()) {
      Finding f = make_finding(Code::static_initializers_unverified, name.file, name.member);
      f.section = a.section;
      f.addresses = {sec->addr};
      f.message = fmt::format("is statically linked with {} {} entr{} but has no symbol table, so "
                              "xport cannot tell whether its start files run them",
                              entries, a.section, entries == 1 ? "y" : "ies");
      f.remedy = "check an unstripped build; a static program runs them only if its start code "
                 "refers to " +
                 std::string(a.walker);
      out.push_back(std::move(f));
    } else if (!defined(a.walker)) {
      Finding f = make_finding(Code::static_initializers_not_run, name.file, name.member);
      f.section = a.section;
      f.addresses = {sec->addr};
      f.message = fmt::format("is statically linked with {} {} entr{}, but nothing in it refers "
                              "to {}: its start files never run these initializers (constructors "
                              "and static initialisation of C++/Rust code are silently skipped)",
                              entries, a.section, entries == 1 ? "y" : "ies", a.walker);
      f.remedy = std::string(a.section) == ".ctors"
                     ? "link with the target's crtbeginT.o and crtend.o (xport cc --target <T> "
                       "-static does), or build with -fuse-init-array"
                     : "link with start files whose crt1.o/libc walk .init_array (the target's "
                       "sysroot through xport cc), or build with -fno-use-init-array for start "
                       "files that only run .ctors";
      out.push_back(std::move(f));
    }
  }
}

} // namespace xport::elf
