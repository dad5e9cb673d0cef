// Building the Summary of an image, its file(1)-like line and its JSON.
#include "elf/summary.hpp"

#include <fmt/format.h>

#include "elf/library_search.hpp"
#include "elf/names.hpp"

namespace xport::elf {
namespace {

// The arrays of pointers the start code or the dynamic linker calls before and after main.
constexpr const char* init_array_sections[] = {".preinit_array", ".init_array", ".ctors",
                                               ".fini_array", ".dtors"};

const char* linking_text(Linking l) {
  switch (l) {
  case Linking::static_:
    return "statically linked";
  case Linking::dynamic:
    return "dynamically linked";
  case Linking::static_pie:
    return "static-pie linked";
  default:
    return "";
  }
}

} // namespace

Summary summarize(const ElfFile& elf) {
  Summary s;
  s.name = elf.name();
  s.is64 = elf.is64();
  s.big_endian = elf.big_endian();
  s.type = elf.type();
  s.machine = elf.machine();
  s.osabi = elf.osabi();
  if (auto interp = elf.interpreter())
    s.interpreter = std::string(*interp);
  s.notes = elf.notes();
  s.os_note = find_os_note(elf, s.notes);
  s.build_id = find_build_id(s.notes);
  s.has_symtab = elf.section(".symtab") != nullptr;
  s.debug_info = elf.section(".debug_info") != nullptr;

  bool flags_pie = false;
  for (const DynamicEntry& e : elf.dynamic()) {
    switch (e.tag) {
    case DT_NEEDED:
      s.needed.emplace_back(elf.dynamic_string(e.value));
      break;
    case DT_SONAME:
      s.soname = std::string(elf.dynamic_string(e.value));
      break;
    case DT_RPATH:
      s.rpath = split_search_path(elf.dynamic_string(e.value));
      break;
    case DT_RUNPATH:
      s.runpath = split_search_path(elf.dynamic_string(e.value));
      break;
    case DT_TEXTREL:
      s.textrel = true;
      break;
    case DT_FLAGS:
      s.textrel |= (e.value & DF_TEXTREL) != 0;
      break;
    case DT_FLAGS_1:
      flags_pie = (e.value & DF_1_PIE) != 0;
      break;
    }
  }
  const bool has_dynamic = elf.segment(PT_DYNAMIC) != nullptr;
  if (const Segment* tls = elf.segment(PT_TLS))
    s.tls = *tls;
  // file(1) calls an ET_DYN a pie executable only when DF_1_PIE says so (libc.so.6 has an
  // interpreter too, and is a shared object).
  s.pie = s.type == ET_DYN && flags_pie;
  if (s.type == ET_EXEC || s.type == ET_DYN) {
    if (s.interpreter || (has_dynamic && !s.pie))
      s.linking = Linking::dynamic;
    else if (s.pie)
      s.linking = Linking::static_pie;
    else
      s.linking = has_dynamic ? Linking::dynamic : Linking::static_;
  }

  for (const char* name : init_array_sections)
    if (const Section* sec = elf.section(name))
      s.init_arrays.push_back({name, sec->addr, sec->size / (s.is64 ? 8 : 4)});
  for (const Relocation& r : elf.relocations())
    ++s.relocation_counts[relocation_name(s.machine, r.type)];
  for (const Symbol& sym : elf.symbols(true))
    if (!sym.name.empty())
      ++s.symtab_symbols;
  for (const Symbol& sym : elf.symbols(false)) {
    if (sym.name.empty())
      continue;
    ++s.dynsym_symbols;
    ++(sym.defined() ? s.defined_symbols : s.undefined_symbols);
  }
  return s;
}

std::string Summary::describe() const {
  std::string type_text;
  if (type == ET_DYN && pie)
    type_text = "pie executable";
  else
    type_text = type_name(type);
  std::string line =
      fmt::format("ELF {}-bit {} {}, {}, OS/ABI {}", is64 ? 64 : 32, big_endian ? "MSB" : "LSB",
                  type_text, machine_name(machine), osabi_name(osabi));
  if (linking != Linking::none)
    line += fmt::format(", {}", linking_text(linking));
  if (interpreter)
    line += fmt::format(", interpreter {}", *interpreter);
  if (os_note)
    line += fmt::format(", {}", os_note->text());
  if (build_id)
    line += fmt::format(", BuildID[{}]={}", build_id->kind, build_id->hex);
  if (debug_info)
    line += ", with debug_info";
  line += has_symtab ? ", not stripped" : ", stripped";
  return line;
}

nlohmann::json Summary::to_json() const {
  using nlohmann::json;
  json j;
  j["file"] = name;
  j["description"] = describe();
  j["class"] = is64 ? "ELF64" : "ELF32";
  j["endian"] = big_endian ? "big" : "little";
  j["type"] = type == ET_DYN && pie ? "pie executable" : std::string(type_name(type));
  j["machine"] = machine_name(machine);
  j["e_machine"] = machine;
  j["osabi"] = osabi_name(osabi);
  j["linking"] = linking_text(linking);
  j["interpreter"] = interpreter ? json(*interpreter) : json(nullptr);
  if (os_note)
    j["os_note"] = {{"name", os_note->note_name}, {"type", os_note->type},
                    {"os", os_note->os},          {"version", os_note->version},
                    {"text", os_note->text()},    {"encoding", encoding_name(os_note->encoding)}};
  else
    j["os_note"] = nullptr;
  j["build_id"] = build_id ? json(build_id->hex) : json(nullptr);
  j["stripped"] = !has_symtab;
  j["debug_info"] = debug_info;
  json notes_json = json::array();
  for (const Note& n : notes) {
    std::string desc;
    for (uint8_t b : n.desc)
      desc += fmt::format("{:02x}", b);
    notes_json.push_back({{"name", n.name},
                          {"type", n.type},
                          {"origin", n.origin},
                          {"offset", n.offset},
                          {"desc", desc}});
  }
  j["notes"] = notes_json;
  j["needed"] = needed;
  j["rpath"] = rpath;
  j["runpath"] = runpath;
  j["soname"] = soname ? json(*soname) : json(nullptr);
  j["textrel"] = textrel;
  if (tls)
    j["tls"] = {{"offset", tls->offset},
                {"vaddr", tls->vaddr},
                {"filesz", tls->filesz},
                {"memsz", tls->memsz},
                {"align", tls->align}};
  else
    j["tls"] = nullptr;
  json arrays = json::array();
  for (const ArrayInfo& a : init_arrays)
    arrays.push_back({{"section", a.section}, {"address", a.address}, {"entries", a.entries}});
  j["init_fini_arrays"] = arrays;
  j["relocations"] = relocation_counts;
  j["symbols"] = {{"symtab", symtab_symbols},
                  {"dynsym", dynsym_symbols},
                  {"dynsym_defined", defined_symbols},
                  {"dynsym_undefined", undefined_symbols}};
  return j;
}

} // namespace xport::elf
