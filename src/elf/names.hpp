// Names for ELF header values and relocation types, as tables: machines and OS/ABI values in
// file(1)'s words (Magdir/elf), relocation type names from LLVM's per-machine ELFRelocs tables.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace xport::elf {

// "x86-64", "ARM aarch64", "UCB RISC-V" (file(1)); "machine 1234" when unknown.
std::string machine_name(uint16_t machine);
// The arch names of target profiles ("x86_64", "aarch64", "riscv64", "arm", "i686") a machine
// and class correspond to; "" when xport has no profile arch for it.
std::string_view machine_arch(uint16_t machine, bool is64);
// "SYSV", "FreeBSD", "GNU/Linux" ... (EI_OSABI)
std::string osabi_name(uint8_t osabi);
// "relocatable", "executable", "shared object", "core file"
std::string_view type_name(uint16_t type);
// "R_X86_64_TPOFF64"; "R_<machine>_<n>" when the type has no name.
std::string relocation_name(uint16_t machine, uint32_t type);
// Relocations that reach thread-local storage through the thread pointer or a TLS module.
bool is_tls_relocation(std::string_view name);

} // namespace xport::elf
