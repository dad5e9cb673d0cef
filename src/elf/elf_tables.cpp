// The tables an ElfFile holds in its sections and segments: symbols (with GNU symbol versions),
// the dynamic array, notes and relocations. Each is read entry by entry through the bounds-checked
// view, with counts derived from section sizes that were checked against the input first.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "elf/elf_file.hpp"
#include "elf/struct_reader.hpp"

namespace xport::elf {
namespace {

uint64_t align_up(uint64_t value, uint64_t alignment) {
  return (value + alignment - 1) / alignment * alignment;
}

} // namespace

std::vector<Symbol> ElfFile::symbols(bool static_table) const {
  const uint32_t want = static_table ? SHT_SYMTAB : SHT_DYNSYM;
  for (const Section& s : sections_) {
    if (s.type != want)
      continue;
    std::vector<Symbol> symbols = read_symbols(s);
    if (!static_table)
      resolve_versions(s, symbols);
    return symbols;
  }
  return {};
}

std::vector<Symbol> ElfFile::read_symbols(const Section& table) const {
  const uint64_t entsize = disk::size_of<disk::Elf64_Sym>(is64_);
  std::span<const uint8_t> bytes = contents(table);
  const Section* strtab = section_at(table.link);
  if (!strtab)
    view_.fail(table.offset, fmt::format("symbol table [{}] '{}' links to string table {}, which "
                                         "does not exist; the file is damaged",
                                         table.index, table.name, table.link));
  std::vector<Symbol> symbols(bytes.size() / entsize);
  for (std::size_t i = 0; i < symbols.size(); ++i) {
    const disk::Elf64_Sym s =
        disk::read<disk::Elf64_Sym>(view_, is64_, table.offset + i * entsize, "a symbol");
    Symbol& sym = symbols[i];
    sym.shndx = s.st_shndx;
    sym.value = s.st_value;
    sym.size = s.st_size;
    sym.type = s.st_info & 0xf;
    sym.bind = s.st_info >> 4;
    sym.visibility = s.st_other & 3;
    if (s.st_name != 0)
      sym.name = string_at(*strtab, s.st_name);
  }
  return symbols;
}

// GNU symbol versioning: .gnu.version holds one index per .dynsym entry; index 0/1 mean local/
// global (no version), others name a Verdef (defined here) or a Vernaux (needed from a library).
void ElfFile::resolve_versions(const Section& dynsym, std::vector<Symbol>& symbols) const {
  const Section* versym = nullptr;
  for (const Section& s : sections_)
    if (s.type == SHT_GNU_VERSYM && s.link == dynsym.index)
      versym = &s;
  if (!versym)
    return;
  struct Version {
    std::string_view name, file;
  };
  std::map<uint16_t, Version> versions;
  for (const Section& s : sections_) {
    if (s.type != SHT_GNU_VERDEF)
      continue;
    const Section* strtab = section_at(s.link);
    if (!strtab)
      view_.fail(s.offset, fmt::format("[{}] '{}' links to string table {}, which does not exist",
                                       s.index, s.name, s.link));
    contents(s);
    // sh_info is the entry count; every entry is at least 16 bytes, so bound the loop by the size.
    uint64_t at = s.offset, count = std::min<uint64_t>(s.info, s.size / 16);
    for (uint64_t n = 0; n < count; ++n) {
      const disk::Verdef d = disk::read<disk::Verdef>(view_, is64_, at, "a version definition");
      if (d.vd_cnt > 0)
        versions[d.vd_ndx & 0x7fff] = {
            string_at(*strtab, disk::read<disk::Verdaux>(view_, is64_, at + d.vd_aux,
                                                         "a version definition's name")
                                   .vda_name),
            {}};
      if (d.vd_next == 0)
        break;
      at += d.vd_next;
    }
  }
  for (const VersionNeed& need : version_needs())
    versions[need.index] = {need.name, need.file};
  std::span<const uint8_t> indexes = contents(*versym);
  for (std::size_t i = 0; i < symbols.size() && 2 * i + 1 < indexes.size(); ++i) {
    uint16_t raw = view_.u16(versym->offset + 2 * i, "versym entry");
    auto it = versions.find(raw & 0x7fff);
    if ((raw & 0x7fff) <= 1 || it == versions.end())
      continue;
    symbols[i].version = it->second.name;
    symbols[i].version_file = it->second.file;
    symbols[i].version_hidden = raw & 0x8000;
  }
}

std::vector<VersionNeed> ElfFile::version_needs() const {
  const Section* table = nullptr;
  for (const Section& s : sections_)
    if (s.type == SHT_GNU_VERNEED)
      table = &s;
  const Section* strtab = nullptr;
  uint64_t at = 0, count = 0, end = 0;
  if (table) {
    strtab = section_at(table->link);
    if (!strtab)
      view_.fail(table->offset, fmt::format("[{}] '{}' links to string table {}, which does not "
                                            "exist; the file is damaged",
                                            table->index, table->name, table->link));
    contents(*table);
    at = table->offset;
    end = table->offset + table->size;
    count = table->info;
  } else {
    std::optional<uint64_t> address;
    for (const DynamicEntry& e : dynamic()) {
      if (e.tag == DT_VERNEED)
        address = e.value;
      else if (e.tag == DT_VERNEEDNUM)
        count = e.value;
    }
    if (!address)
      return {};
    std::optional<uint64_t> offset = offset_of_address(*address);
    if (!offset)
      view_.fail(0, fmt::format("DT_VERNEED 0x{:x} is not inside any PT_LOAD segment; the file "
                                "is damaged",
                                *address));
    at = *offset;
    end = view_.size();
  }
  auto text = [&](uint32_t index) {
    return strtab ? string_at(*strtab, index) : dynamic_string(index);
  };
  // Every Verneed and Vernaux is 16 bytes: bound the loops by the bytes there are.
  const uint64_t most = (end - std::min(at, end)) / 16;
  std::vector<VersionNeed> needs;
  for (uint64_t n = 0; n < std::min(count, most); ++n) {
    const disk::Verneed v = disk::read<disk::Verneed>(view_, is64_, at, "a version need");
    std::string_view file = text(v.vn_file);
    uint64_t aux = at + v.vn_aux;
    for (uint64_t k = 0; k < std::min<uint64_t>(v.vn_cnt, most); ++k) {
      const disk::Vernaux a =
          disk::read<disk::Vernaux>(view_, is64_, aux, "a version need's entry");
      VersionNeed need;
      need.file = file;
      need.weak = a.vna_flags & 0x2; // VER_FLG_WEAK
      need.index = a.vna_other & 0x7fff;
      need.name = text(a.vna_name);
      needs.push_back(need);
      if (a.vna_next == 0)
        break;
      aux += a.vna_next;
    }
    if (v.vn_next == 0)
      break;
    at += v.vn_next;
  }
  return needs;
}

std::vector<DynamicEntry> ElfFile::dynamic() const {
  uint64_t offset = 0, size = 0;
  auto section = std::find_if(sections_.begin(), sections_.end(),
                              [](const Section& s) { return s.type == SHT_DYNAMIC; });
  if (section != sections_.end()) {
    offset = section->offset;
    size = section->size;
  } else if (const Segment* p = segment(PT_DYNAMIC)) {
    offset = p->offset;
    size = p->filesz;
  } else {
    return {};
  }
  view_.require(offset, size, "the dynamic array");
  const uint64_t entsize = disk::size_of<disk::Elf64_Dyn>(is64_);
  std::vector<DynamicEntry> entries;
  for (uint64_t at = offset; at + entsize <= offset + size; at += entsize) {
    const disk::Elf64_Dyn d = disk::read<disk::Elf64_Dyn>(view_, is64_, at, "a dynamic entry");
    DynamicEntry e;
    e.tag = d.d_tag;
    e.value = d.d_un.d_val;
    if (e.tag == DT_NULL)
      break;
    entries.push_back(e);
  }
  return entries;
}

std::string_view ElfFile::dynamic_string(uint64_t value) const {
  for (const Section& s : sections_)
    if (s.type == SHT_DYNAMIC) {
      if (const Section* strtab = section_at(s.link))
        return string_at(*strtab, value);
    }
  // No section headers (a stripped or sstripped file): follow DT_STRTAB through PT_LOAD.
  for (const DynamicEntry& e : dynamic())
    if (e.tag == DT_STRTAB) {
      std::optional<uint64_t> at = offset_of_address(e.value);
      if (!at)
        view_.fail(0, fmt::format("DT_STRTAB 0x{:x} is not inside any PT_LOAD segment; the file "
                                  "is damaged",
                                  e.value));
      return view_.cstring(*at + value, "a dynamic string");
    }
  view_.fail(0, "the dynamic array has strings but no DT_STRTAB; the file is damaged");
}

std::vector<Note> ElfFile::notes() const {
  struct Area {
    uint64_t offset, size, align;
    std::string_view origin;
  };
  std::vector<Area> areas;
  for (const Section& s : sections_)
    if (s.type == SHT_NOTE)
      areas.push_back({s.offset, s.size, s.addralign, s.name});
  if (areas.empty())
    for (const Segment& p : segments_)
      if (p.type == PT_NOTE)
        areas.push_back({p.offset, p.filesz, p.align, "PT_NOTE"});
  std::vector<Note> notes;
  for (const Area& area : areas) {
    view_.require(area.offset, area.size, fmt::format("note area {}", area.origin));
    // Notes are 4-byte aligned, except 8 in SHT_NOTE/PT_NOTE with alignment 8 (gABI, GNU property).
    const uint64_t align = area.align == 8 ? 8 : 4;
    uint64_t at = area.offset, end = area.offset + area.size;
    const uint64_t header = disk::size_of<disk::Elf64_Nhdr>(is64_);
    while (at <= end && end - at >= header) {
      const disk::Elf64_Nhdr h = disk::read<disk::Elf64_Nhdr>(view_, is64_, at, "a note header");
      const uint32_t namesz = h.n_namesz, descsz = h.n_descsz;
      Note note;
      note.type = h.n_type;
      note.offset = at;
      note.origin = area.origin;
      uint64_t name_at = at + header, desc_at = at + align_up(header + uint64_t{namesz}, align);
      if (desc_at > end || descsz > end - desc_at || namesz > end - name_at)
        view_.fail(at, fmt::format("note in {} (name {} bytes, descriptor {} bytes) extends past "
                                   "its area; the file is damaged",
                                   area.origin, namesz, descsz));
      std::span<const uint8_t> name = view_.slice(name_at, namesz, "n_name");
      auto nul = std::find(name.begin(), name.end(), 0);
      note.name = {reinterpret_cast<const char*>(name.data()),
                   static_cast<std::size_t>(nul - name.begin())};
      note.desc = view_.slice(desc_at, descsz, "n_desc");
      notes.push_back(note);
      at += align_up(desc_at - at + descsz, align);
    }
  }
  return notes;
}

std::vector<Relocation> ElfFile::relocations() const {
  std::vector<Relocation> relocations;
  auto entry_size = [&](const Section& s) {
    return s.type == SHT_RELA ? disk::size_of<disk::Elf64_Rela>(is64_)
                              : disk::size_of<disk::Elf64_Rel>(is64_);
  };
  std::size_t count = 0;
  for (const Section& s : sections_)
    if (s.type == SHT_REL || s.type == SHT_RELA)
      count += contents(s).size() / entry_size(s);
  relocations.reserve(count);
  for (const Section& s : sections_) {
    if (s.type != SHT_REL && s.type != SHT_RELA)
      continue;
    const uint64_t entsize = entry_size(s);
    std::span<const uint8_t> bytes = contents(s);
    for (uint64_t i = 0; i < bytes.size() / entsize; ++i) {
      uint64_t at = s.offset + i * entsize, info = 0;
      Relocation r;
      r.section = &s;
      if (s.type == SHT_RELA) {
        const disk::Elf64_Rela e = disk::read<disk::Elf64_Rela>(view_, is64_, at, "a relocation");
        r.offset = e.r_offset;
        info = e.r_info;
        r.addend = e.r_addend;
      } else {
        const disk::Elf64_Rel e = disk::read<disk::Elf64_Rel>(view_, is64_, at, "a relocation");
        r.offset = e.r_offset;
        info = e.r_info;
      }
      // ELF64_R_SYM/ELF64_R_TYPE, ELF32_R_SYM/ELF32_R_TYPE.
      r.type = is64_ ? static_cast<uint32_t>(info) : static_cast<uint32_t>(info & 0xff);
      r.symbol = is64_ ? static_cast<uint32_t>(info >> 32) : static_cast<uint32_t>(info >> 8);
      relocations.push_back(r);
    }
  }
  return relocations;
}

} // namespace xport::elf
