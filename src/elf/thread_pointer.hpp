// Finding every instruction that reads the thread pointer: x86_64 %fs-relative operands, i386
// %gs-relative operands, AArch64 `mrs Xt, TPIDR_EL0`, ARM `mrc p15, 0, Rt, c13, c0, 3`, RISC-V
// instructions that use `tp`. This is what crashed Rust programs on Genode: FreeBSD's std reads
// TLS through %fs, and Genode sets up no TLS area there.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "elf/elf_file.hpp"

namespace xport::elf {

struct ThreadPointerRead {
  uint64_t address = 0; // of the instruction (section-relative in relocatable objects)
  const Section* section = nullptr;
  std::string_view function; // raw (mangled) name of the symbol the region starts at; "" if none
  uint64_t function_address = 0;
  bool canary = false; // the stack protector's canary (%fs:0x28, %gs:0x14)
};

struct ScanOptions {
  unsigned threads = 0; // 0: one per hardware thread
  // x86_64: step over unprefixed instructions with the table-driven length decoder (x86_length)
  // instead of LLVM MC. Off only to compare the two.
  bool fast_x86_lengths = true;
};

// The register the machine reaches TLS through, as the findings name it ("%fs", "TPIDR_EL0"...);
// "" for a machine xport cannot scan.
std::string_view thread_pointer_register(uint16_t machine);

// Decodes every executable section (from each symbol start, in parallel over regions) and returns
// the thread-pointer reads sorted by address. For x86 the set equals the addresses of the lines
// `objdump -d` prints with "%fs:" (x86_64) or "%gs:" (i386). Throws xport::Error for a machine
// without a disassembler, naming the file and the machine.
std::vector<ThreadPointerRead> find_thread_pointer_reads(const ElfFile& elf,
                                                         const ScanOptions& options = {});

} // namespace xport::elf
