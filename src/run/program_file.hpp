// What xport needs to know about the program before running it: whether it is ELF, its
// interpreter (qemu must find it in the sysroot) and the libraries it needs (a remote runner
// copies those the target does not have).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace xport::run {

struct ProgramFile {
  bool elf = false;                 // false: a script or something else; run as it is
  std::string interpreter;          // PT_INTERP, "" for a static program
  std::vector<std::string> needed;  // DT_NEEDED, in order
  std::vector<std::string> runpath; // DT_RUNPATH or DT_RPATH entries, $ORIGIN unexpanded
};

// Throws xport::Error naming the file when it is ELF but malformed.
ProgramFile read_program_file(const std::filesystem::path& path);

} // namespace xport::run
