// A temporary folder for one test, removed afterwards, with helpers to make files in it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace xport::run::testing {

class TestFolder {
public:
  TestFolder() {
    std::random_device seed;
    path_ = std::filesystem::temp_directory_path() / ("xport-run-test-" + std::to_string(seed()));
    std::filesystem::create_directories(path_);
  }
  ~TestFolder() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }

  std::filesystem::path file(const std::string& rel, const std::string& text = "",
                             bool executable = false) const {
    std::filesystem::path p = path_ / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p) << text;
    if (executable)
      std::filesystem::permissions(p, std::filesystem::perms::owner_all);
    return p;
  }

  // A little-endian ELF header for `machine` with nothing else: enough for xport run to tell
  // the program's machine and class (183 = EM_AARCH64, 243 = EM_RISCV, 62 = EM_X86_64).
  std::filesystem::path elf_program(const std::string& rel, uint16_t machine,
                                    bool is64 = true) const {
    std::string header(is64 ? 64 : 52, '\0');
    header.replace(0, 4,
                   "\x7f"
                   "ELF");
    header[4] = is64 ? 2 : 1; // EI_CLASS
    header[5] = 1;            // EI_DATA: little endian
    header[6] = 1;            // EI_VERSION
    header[16] = 2;           // e_type: ET_EXEC
    header[18] = static_cast<char>(machine & 0xff);
    header[19] = static_cast<char>(machine >> 8);
    return file(rel, header, true);
  }

private:
  std::filesystem::path path_;
};

} // namespace xport::run::testing
