// Reading the program's interpreter and dynamic dependencies through the elf part's reader.
#include "run/program_file.hpp"

#include "elf/elf_file.hpp"
#include "elf/input.hpp"

namespace xport::run {

ProgramFile read_program_file(const std::filesystem::path& path) {
  ProgramFile out;
  std::error_code ec;
  if (std::filesystem::file_size(path, ec) < 4 || ec)
    return out; // too small to be ELF (and mmap refuses empty files)
  elf::MappedFile mapped(path);
  if (!elf::ElfFile::has_elf_magic(mapped.bytes())) {
    out.script = mapped.bytes()[0] == '#' && mapped.bytes()[1] == '!';
    return out;
  }
  elf::ElfFile file(path.string(), mapped.bytes());
  out.elf = true;
  out.machine = file.machine();
  out.is64 = file.is64();
  if (auto interp = file.interpreter())
    out.interpreter = std::string(*interp);
  for (const elf::DynamicEntry& entry : file.dynamic()) {
    if (entry.tag == elf::DT_NEEDED) {
      out.needed.emplace_back(file.dynamic_string(entry.value));
    } else if (entry.tag == elf::DT_RUNPATH || entry.tag == elf::DT_RPATH) {
      std::string_view list = file.dynamic_string(entry.value);
      while (!list.empty()) {
        auto colon = list.find(':');
        out.runpath.emplace_back(list.substr(0, colon));
        list = colon == std::string_view::npos ? "" : list.substr(colon + 1);
      }
    }
  }
  return out;
}

} // namespace xport::run
