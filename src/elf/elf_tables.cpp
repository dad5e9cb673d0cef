// The tables an ElfFile holds in its sections and segments: symbols (with GNU symbol versions),
// the dynamic array, notes and relocations. Each is read entry by entry through the bounds-checked
// view, with counts derived from section sizes that were checked against the input first.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "elf/elf_file.hpp"

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
  const uint64_t entsize = is64_ ? 24 : 16;
  std::span<const uint8_t> bytes = contents(table);
  const Section* strtab = section_at(table.link);
  if (!strtab)
    view_.fail(table.offset, fmt::format("symbol table [{}] '{}' links to string table {}, which "
                                         "does not exist; the file is damaged",
                                         table.index, table.name, table.link));
  std::vector<Symbol> symbols(bytes.size() / entsize);
  for (std::size_t i = 0; i < symbols.size(); ++i) {
    uint64_t at = table.offset + i * entsize;
    Symbol& sym = symbols[i];
    uint32_t name = view_.u32(at, "st_name");
    uint8_t info, other;
    if (is64_) {
      info = view_.u8(at + 4, "st_info");
      other = view_.u8(at + 5, "st_other");
      sym.shndx = view_.u16(at + 6, "st_shndx");
      sym.value = view_.u64(at + 8, "st_value");
      sym.size = view_.u64(at + 16, "st_size");
    } else {
      sym.value = view_.u32(at + 4, "st_value");
      sym.size = view_.u32(at + 8, "st_size");
      info = view_.u8(at + 12, "st_info");
      other = view_.u8(at + 13, "st_other");
      sym.shndx = view_.u16(at + 14, "st_shndx");
    }
    sym.type = info & 0xf;
    sym.bind = info >> 4;
    sym.visibility = other & 3;
    if (name != 0)
      sym.name = string_at(*strtab, name);
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
      uint16_t index = view_.u16(at + 4, "vd_ndx");
      uint16_t aux_count = view_.u16(at + 8, "vd_cnt");
      uint32_t aux = view_.u32(at + 12, "vd_aux");
      if (aux_count > 0)
        versions[index & 0x7fff] = {string_at(*strtab, view_.u32(at + aux, "vda_name")), {}};
      uint32_t next = view_.u32(at + 16, "vd_next");
      if (next == 0)
        break;
      at += next;
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
    uint16_t aux_count = view_.u16(at + 2, "vn_cnt");
    std::string_view file = text(view_.u32(at + 4, "vn_file"));
    uint64_t aux = at + view_.u32(at + 8, "vn_aux");
    for (uint64_t k = 0; k < std::min<uint64_t>(aux_count, most); ++k) {
      VersionNeed need;
      need.file = file;
      need.weak = view_.u16(aux + 4, "vna_flags") & 0x2; // VER_FLG_WEAK
      need.index = view_.u16(aux + 6, "vna_other") & 0x7fff;
      need.name = text(view_.u32(aux + 8, "vna_name"));
      needs.push_back(need);
      uint32_t next = view_.u32(aux + 12, "vna_next");
      if (next == 0)
        break;
      aux += next;
    }
    uint32_t next = view_.u32(at + 12, "vn_next");
    if (next == 0)
      break;
    at += next;
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
  const uint64_t entsize = is64_ ? 16 : 8;
  std::vector<DynamicEntry> entries;
  for (uint64_t at = offset; at + entsize <= offset + size; at += entsize) {
    DynamicEntry e;
    e.tag = is64_ ? static_cast<int64_t>(view_.u64(at, "d_tag"))
                  : static_cast<int32_t>(view_.u32(at, "d_tag"));
    e.value = view_.word(at + entsize / 2, is64_, "d_val");
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
    while (at <= end && end - at >= 12) {
      uint32_t namesz = view_.u32(at, "n_namesz"), descsz = view_.u32(at + 4, "n_descsz");
      Note note;
      note.type = view_.u32(at + 8, "n_type");
      note.offset = at;
      note.origin = area.origin;
      uint64_t name_at = at + 12, desc_at = at + align_up(12 + uint64_t{namesz}, align);
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
  std::size_t count = 0;
  for (const Section& s : sections_)
    if (s.type == SHT_REL || s.type == SHT_RELA)
      count += contents(s).size() / ((is64_ ? 8 : 4) * (s.type == SHT_RELA ? 3 : 2));
  relocations.reserve(count);
  for (const Section& s : sections_) {
    if (s.type != SHT_REL && s.type != SHT_RELA)
      continue;
    const bool rela = s.type == SHT_RELA;
    const uint64_t entsize = (is64_ ? 8 : 4) * (rela ? 3 : 2);
    std::span<const uint8_t> bytes = contents(s);
    for (uint64_t i = 0; i < bytes.size() / entsize; ++i) {
      uint64_t at = s.offset + i * entsize;
      Relocation r;
      r.section = &s;
      r.offset = view_.word(at, is64_, "r_offset");
      uint64_t info = view_.word(at + (is64_ ? 8 : 4), is64_, "r_info");
      r.type = is64_ ? static_cast<uint32_t>(info) : static_cast<uint32_t>(info & 0xff);
      r.symbol = is64_ ? static_cast<uint32_t>(info >> 32) : static_cast<uint32_t>(info >> 8);
      if (rela)
        r.addend = static_cast<int64_t>(view_.word(at + (is64_ ? 16 : 8), is64_, "r_addend"));
      relocations.push_back(r);
    }
  }
  return relocations;
}

} // namespace xport::elf
