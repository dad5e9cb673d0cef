// Region boundaries: every defined, named, non-section, non-file symbol in the section (objdump's
// remove_useless_symbols), deduplicated; the first region starts at the section start.
#include "elf/code_regions.hpp"

#include <algorithm>
#include <optional>

namespace xport::elf {

bool is_mapping_symbol(std::string_view name) {
  if (name.size() < 2 || name[0] != '$')
    return false;
  char c = name[1];
  return (c == 'x' || c == 'a' || c == 't' || c == 'd') && (name.size() == 2 || name[2] == '.');
}

std::vector<Symbol> code_symbols(const ElfFile& elf) {
  std::vector<Symbol> all = elf.symbols(true);
  if (all.size() <= 1)
    all = elf.symbols(false);
  std::vector<Symbol> out;
  for (const Symbol& s : all)
    if (!s.name.empty() && s.type != STT_SECTION && s.type != STT_FILE && s.shndx != SHN_UNDEF &&
        s.shndx < 0xff00)
      out.push_back(s);
  return out;
}

uint64_t symbol_address(const ElfFile& elf, const Symbol& sym) {
  if (elf.type() != ET_REL)
    return sym.value;
  const Section* s = elf.section_at(sym.shndx);
  return (s ? s->addr : 0) + sym.value;
}

std::vector<CodeRegion> code_regions(const ElfFile& elf, const std::vector<Symbol>& symbols) {
  const bool arm = elf.machine() == EM_ARM;
  std::vector<CodeRegion> regions;
  for (const Section& sec : elf.sections()) {
    if (!sec.executable() || sec.type == SHT_NOBITS || sec.size == 0)
      continue;
    // The symbols' addresses in the section, sorted (stable: at one address, the symbols' order
    // decides as below).
    std::vector<std::pair<uint64_t, const Symbol*>> at;
    for (const Symbol& sym : symbols) {
      if (sym.shndx != sec.index)
        continue;
      uint64_t addr = symbol_address(elf, sym);
      if (arm && sym.type == STT_FUNC)
        addr &= ~uint64_t{1};
      if (addr < sec.addr || addr - sec.addr >= sec.size)
        continue;
      at.emplace_back(addr, &sym);
    }
    std::stable_sort(at.begin(), at.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    // address -> kind change (for mapping symbols) or nothing (plain symbols).
    std::vector<std::pair<uint64_t, std::optional<CodeKind>>> starts{{sec.addr, std::nullopt}};
    for (const auto& [addr, sym] : at) {
      if (starts.back().first != addr)
        starts.emplace_back(addr, std::nullopt);
      std::optional<CodeKind>& kind = starts.back().second;
      if (is_mapping_symbol(sym->name))
        kind = sym->name[1] == 'd'   ? CodeKind::data
               : sym->name[1] == 't' ? CodeKind::thumb
                                     : CodeKind::code;
      else if (arm && sym->type == STT_FUNC && !kind)
        kind = (sym->value & 1) ? CodeKind::thumb : CodeKind::code;
    }
    CodeKind current = CodeKind::code;
    for (auto it = starts.begin(); it != starts.end(); ++it) {
      if (it->second)
        current = *it->second;
      auto next = std::next(it);
      uint64_t end = next == starts.end() ? sec.addr + sec.size : next->first;
      regions.push_back({&sec, it->first, end, current});
    }
  }
  return regions;
}

} // namespace xport::elf
