// Splitting executable sections into the regions a disassembler decodes linearly: one per symbol,
// from its address to the next symbol's, the way `objdump -d` restarts decoding at every symbol.
// Resynchronising at symbol starts keeps data in text (jump tables, literal pools, padding) from
// derailing the decoding of the next function. Mapping symbols ($x/$a/$t/$d on ARM, AArch64 and
// RISC-V; see the ARM ELF psABI, "Mapping symbols") say whether a region holds code, and which
// instruction set.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "elf/elf_file.hpp"

namespace xport::elf {

enum class CodeKind : uint8_t { code, thumb, data };

struct CodeRegion {
  const Section* section = nullptr;
  uint64_t begin = 0, end = 0; // addresses (section-relative for relocatable objects)
  CodeKind kind = CodeKind::code;
};

// The symbols that name places in code: the static table, or the dynamic one when the file is
// stripped (as objdump does), without section, file, undefined or unnamed symbols.
std::vector<Symbol> code_symbols(const ElfFile& elf);

// Regions of every SHF_EXECINSTR section, sorted by section then address.
std::vector<CodeRegion> code_regions(const ElfFile& elf, const std::vector<Symbol>& symbols);

// The address a symbol's value stands for in findings (section offset + address for ET_REL).
uint64_t symbol_address(const ElfFile& elf, const Symbol& sym);

bool is_mapping_symbol(std::string_view name);

} // namespace xport::elf
