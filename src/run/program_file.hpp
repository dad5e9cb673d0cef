// What xport needs to know about the program before running it: whether it is ELF and for which
// machine (a program for another architecture than the target's is refused, naming both), its
// interpreter (qemu must find it in the sysroot), the libraries it needs (a remote runner copies
// those the target does not have), or whether it is a `#!` script.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace xport::run {

struct ProgramFile {
  bool elf = false;                 // false: a script or something else; run as it is
  bool script = false;              // not ELF, starts with "#!"
  uint16_t machine = 0;             // e_machine, for ELF
  bool is64 = false;                // ELFCLASS64
  std::string interpreter;          // PT_INTERP, "" for a static program
  std::vector<std::string> needed;  // DT_NEEDED, in order
  std::vector<std::string> runpath; // DT_RUNPATH or DT_RPATH entries, $ORIGIN unexpanded
};

// Throws xport::Error naming the file when it is ELF but malformed.
ProgramFile read_program_file(const std::filesystem::path& path);

} // namespace xport::run
