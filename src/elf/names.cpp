// Header value names. Machine names and OS/ABI names follow file(1)'s Magdir/elf so `inspect`
// lines read like file's; relocation names come from LLVM (llvm/BinaryFormat/ELFRelocs/*.def).
#include "elf/names.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>
#include <llvm/Object/ELF.h>

namespace xport::elf {
namespace {

struct MachineRow {
  uint16_t machine;
  const char* name;   // file(1)
  const char* arch32; // profile arch for ELFCLASS32
  const char* arch64; // profile arch for ELFCLASS64
};

constexpr MachineRow machines[] = {
    {2, "SPARC", "sparc", ""},
    {3, "Intel 80386", "i686", ""},
    {8, "MIPS", "mips", "mips64"},
    {20, "PowerPC or cisco 4500", "powerpc", ""},
    {21, "64-bit PowerPC or cisco 7500", "", "powerpc64"},
    {22, "IBM S/390", "s390", "s390x"},
    {40, "ARM", "arm", ""},
    {43, "SPARC V9", "", "sparc64"},
    {62, "x86-64", "x86_64", "x86_64"},
    {183, "ARM aarch64", "", "aarch64"},
    {243, "UCB RISC-V", "riscv32", "riscv64"},
    {258, "LoongArch", "loongarch32", "loongarch64"},
};

const MachineRow* find_machine(uint16_t machine) {
  for (const MachineRow& row : machines)
    if (row.machine == machine)
      return &row;
  return nullptr;
}

constexpr std::pair<uint8_t, const char*> osabis[] = {
    {0, "SYSV"},
    {1, "HP-UX"},
    {2, "NetBSD"},
    {3, "GNU/Linux"},
    {4, "GNU/Hurd"},
    {6, "Solaris"},
    {7, "AIX"},
    {8, "IRIX"},
    {9, "FreeBSD"},
    {10, "Tru64"},
    {11, "Novell Modesto"},
    {12, "OpenBSD"},
    {13, "OpenVMS"},
    {64, "ARM EABI"},
    {97, "ARM"},
    {255, "embedded"},
};

// Name fragments of TLS relocations on every psABI xport knows (x86_64, i386, aarch64, arm,
// riscv): TPOFF/DTPOFF/DTPMOD (x86), TPREL/DTPREL/DTPMOD (aarch64, riscv), TLS_* (arm, riscv,
// x86 TLSGD/TLSLD), TLSDESC, GOTTPOFF, TLS_LE/TLS_IE (arm), TPOFF (i386).
constexpr std::string_view tls_markers[] = {"TPOFF",  "DTPOFF", "DTPMOD",  "TPREL",
                                            "DTPREL", "TLS",    "GOTTPOFF"};

} // namespace

std::string machine_name(uint16_t machine) {
  if (const MachineRow* row = find_machine(machine))
    return row->name;
  return fmt::format("machine {}", machine);
}

std::string_view machine_arch(uint16_t machine, bool is64) {
  const MachineRow* row = find_machine(machine);
  return row ? (is64 ? row->arch64 : row->arch32) : "";
}

std::string osabi_name(uint8_t osabi) {
  for (auto [value, name] : osabis)
    if (value == osabi)
      return name;
  return fmt::format("OS/ABI {}", osabi);
}

std::string_view type_name(uint16_t type) {
  static const char* const names[] = {"no file type", "relocatable", "executable", "shared object",
                                      "core file"};
  return type < std::size(names) ? names[type] : "processor-specific type";
}

std::string relocation_name(uint16_t machine, uint32_t type) {
  llvm::StringRef name = llvm::object::getELFRelocationTypeName(machine, type);
  if (name.empty() || name == "Unknown")
    return fmt::format("R_{}_{}", machine, type);
  return name.str();
}

bool is_tls_relocation(std::string_view name) {
  return std::any_of(std::begin(tls_markers), std::end(tls_markers),
                     [&](std::string_view m) { return name.find(m) != std::string_view::npos; });
}

} // namespace xport::elf
