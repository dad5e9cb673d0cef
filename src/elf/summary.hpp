// What `xport inspect` reports about one ELF image: the one-line description in the spirit of
// file(1) (but exact: static, dynamic or static-pie; the OS note decoded per OS) and everything
// else for --json (notes, NEEDED, RPATH/RUNPATH, SONAME, PT_TLS, init/fini arrays, relocation
// type counts, symbol counts).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "elf/elf_file.hpp"
#include "elf/os_note.hpp"

namespace xport::elf {

enum class Linking { none, static_, dynamic, static_pie };

struct ArrayInfo {
  std::string section; // ".init_array", ".ctors"
  uint64_t address = 0;
  uint64_t entries = 0;
};

struct Summary {
  std::string name;
  bool is64 = true, big_endian = false;
  uint16_t type = 0, machine = 0;
  uint8_t osabi = 0;
  bool pie = false; // ET_DYN flagged DF_1_PIE, or ET_DYN with an interpreter
  Linking linking = Linking::none;
  std::optional<std::string> interpreter;
  std::optional<OsNote> os_note;
  std::optional<BuildId> build_id;
  bool has_symtab = false, debug_info = false;
  std::vector<Note> notes;
  std::vector<std::string> needed, rpath, runpath;
  std::optional<std::string> soname;
  bool textrel = false;
  std::optional<Segment> tls;
  std::vector<ArrayInfo> init_arrays; // .preinit_array, .init_array, .ctors, .fini_array, .dtors
  std::map<std::string, uint64_t> relocation_counts; // by type name
  uint64_t symtab_symbols = 0, dynsym_symbols = 0, defined_symbols = 0, undefined_symbols = 0;

  // "ELF 64-bit LSB pie executable, x86-64, OS/ABI FreeBSD, dynamically linked, interpreter
  // /libexec/ld-elf.so.1, for FreeBSD 13.2, BuildID[sha1]=..., not stripped"
  std::string describe() const;
  nlohmann::json to_json() const;
};

Summary summarize(const ElfFile& elf);

} // namespace xport::elf
