// ElfFile: one ELF image (a file or an archive member) read into a single 64-bit, host-endian view,
// in the style of bloaty: ELF32 and big-endian files are normalised when read, so the checks never
// care about class or byte order. Every structure is bounds-checked against the input; a bad
// offset, count or string index throws xport::Error naming the input and the offset.
// Spec: https://refspecs.linuxfoundation.org/elf/gabi4+/contents.html and the GNU versioning
// extensions
// (https://refspecs.linuxfoundation.org/LSB_5.0.0/LSB-Core-generic/LSB-Core-generic/symversion.html).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "elf/byte_view.hpp"

namespace xport::elf {

// Constants used across the part (the full sets live in elf_tables.cpp).
enum : uint32_t {
  SHT_PROGBITS = 1,
  SHT_SYMTAB = 2,
  SHT_STRTAB = 3,
  SHT_RELA = 4,
  SHT_DYNAMIC = 6,
  SHT_NOTE = 7,
  SHT_NOBITS = 8,
  SHT_REL = 9,
  SHT_DYNSYM = 11,
  SHT_INIT_ARRAY = 14,
  SHT_FINI_ARRAY = 15,
  SHT_PREINIT_ARRAY = 16,
  SHT_GNU_VERDEF = 0x6ffffffd,
  SHT_GNU_VERNEED = 0x6ffffffe,
  SHT_GNU_VERSYM = 0x6fffffff,
};
enum : uint32_t { PT_LOAD = 1, PT_DYNAMIC = 2, PT_INTERP = 3, PT_NOTE = 4, PT_TLS = 7 };
enum : uint16_t { ET_REL = 1, ET_EXEC = 2, ET_DYN = 3, ET_CORE = 4 };
enum : uint16_t { SHN_UNDEF = 0, SHN_ABS = 0xfff1, SHN_COMMON = 0xfff2, SHN_XINDEX = 0xffff };
enum : uint64_t { SHF_WRITE = 1, SHF_ALLOC = 2, SHF_EXECINSTR = 4 };
enum : uint8_t {
  STT_NOTYPE = 0,
  STT_OBJECT = 1,
  STT_FUNC = 2,
  STT_SECTION = 3,
  STT_FILE = 4,
  STT_TLS = 6,
  STT_GNU_IFUNC = 10
};
enum : uint8_t { STB_LOCAL = 0, STB_GLOBAL = 1, STB_WEAK = 2 };
enum : int64_t {
  DT_NULL = 0,
  DT_NEEDED = 1,
  DT_STRTAB = 5,
  DT_SONAME = 14,
  DT_RPATH = 15,
  DT_TEXTREL = 22,
  DT_INIT_ARRAY = 25,
  DT_FINI_ARRAY = 26,
  DT_INIT_ARRAYSZ = 27,
  DT_FINI_ARRAYSZ = 28,
  DT_RUNPATH = 29,
  DT_FLAGS = 30,
  DT_FLAGS_1 = 0x6ffffffb,
  DT_VERNEED = 0x6ffffffe,
  DT_VERNEEDNUM = 0x6fffffff,
};
enum : uint64_t { DF_TEXTREL = 0x4, DF_STATIC_TLS = 0x10, DF_1_PIE = 0x08000000 };
enum : uint8_t { EM_386 = 3, EM_ARM = 40, EM_X86_64 = 62, EM_AARCH64 = 183, EM_RISCV = 243 };

struct Section {
  uint32_t index = 0;
  std::string_view name;
  uint32_t type = 0;
  uint64_t flags = 0, addr = 0, offset = 0, size = 0, addralign = 0, entsize = 0;
  uint32_t link = 0, info = 0;
  bool executable() const { return flags & SHF_EXECINSTR; }
};

struct Segment {
  uint32_t type = 0, flags = 0;
  uint64_t offset = 0, vaddr = 0, filesz = 0, memsz = 0, align = 0;
};

struct Symbol {
  std::string_view name;
  uint64_t value = 0, size = 0;
  uint8_t type = 0, bind = 0, visibility = 0;
  uint16_t shndx = 0;
  std::string_view version;      // "GLIBC_2.34" from .gnu.version_[dr]; "" when unversioned
  std::string_view version_file; // for an undefined symbol: the library the version is needed from
  bool version_hidden = false;   // "foo@VER" rather than the default "foo@@VER"
  bool defined() const { return shndx != SHN_UNDEF; }
};

// One entry of .gnu.version_r (a Vernaux under its Verneed): a version this image needs from a
// library. The loader refuses the image when the library does not define it, whether or not a
// symbol uses it.
struct VersionNeed {
  std::string_view file; // vn_file: "libc.so.6"
  std::string_view name; // vna_name: "GLIBC_2.34"
  uint16_t index = 0;    // vna_other: what .gnu.version holds for symbols of this version
  bool weak = false;     // VER_FLG_WEAK: the loader only warns when it is missing
};

struct Relocation {
  uint64_t offset = 0;
  uint32_t type = 0;
  uint32_t symbol = 0; // index into the symbol table the relocation section links to
  int64_t addend = 0;
  const Section* section = nullptr; // the SHT_REL/SHT_RELA section (null: from PT_DYNAMIC)
};

struct DynamicEntry {
  int64_t tag = 0;
  uint64_t value = 0;
};

struct Note {
  std::string_view name; // "GNU", "FreeBSD" ... without the NUL
  uint32_t type = 0;
  std::span<const uint8_t> desc;
  uint64_t offset = 0;     // file offset of the note header
  std::string_view origin; // the section name, or "PT_NOTE"
};

class ElfFile {
public:
  // Reads the ELF header, section and program headers. `name` is what errors and findings call the
  // input ("libfoo.a(bar.o)"). Throws xport::Error on anything out of bounds or inconsistent.
  ElfFile(std::string name, std::span<const uint8_t> bytes);

  static bool has_elf_magic(std::span<const uint8_t> bytes);

  const std::string& name() const { return view_.name(); }
  const ByteView& view() const { return view_; }
  bool is64() const { return is64_; }
  bool big_endian() const { return view_.big_endian(); }
  uint16_t type() const { return type_; }
  uint16_t machine() const { return machine_; }
  uint8_t osabi() const { return osabi_; }
  uint8_t abiversion() const { return abiversion_; }
  uint64_t entry() const { return entry_; }
  uint32_t flags() const { return flags_; }

  const std::vector<Section>& sections() const { return sections_; }
  const std::vector<Segment>& segments() const { return segments_; }
  const Section* section(std::string_view name) const;
  const Section* section_at(uint32_t index) const; // null when out of range
  // The section's bytes in the file (empty for SHT_NOBITS); throws if they lie past the end.
  std::span<const uint8_t> contents(const Section& section) const;

  // A string from a string table section, checked against the section and the file.
  std::string_view string_at(const Section& strtab, uint64_t index) const;

  // .symtab (static = true) or .dynsym, with versions resolved for .dynsym. Index 0 included.
  std::vector<Symbol> symbols(bool static_table) const;
  // .gnu.version_r's entries in file order; found through DT_VERNEED when the section headers
  // are gone (a stripped or sstripped file).
  std::vector<VersionNeed> version_needs() const;
  std::vector<DynamicEntry> dynamic() const;
  // String of a DT_NEEDED/DT_SONAME/... value (through the dynamic string table).
  std::string_view dynamic_string(uint64_t value) const;
  std::vector<Note> notes() const;
  std::vector<Relocation> relocations() const;
  std::optional<std::string_view> interpreter() const;
  const Segment* segment(uint32_t type) const;

  // The file offset holding virtual address `addr` (through PT_LOAD), if any.
  std::optional<uint64_t> offset_of_address(uint64_t addr) const;

private:
  void read_header();
  void read_sections();
  void read_segments();
  std::vector<Symbol> read_symbols(const Section& table) const;
  void resolve_versions(const Section& dynsym, std::vector<Symbol>& symbols) const;

  ByteView view_;
  bool is64_ = true;
  uint16_t type_ = 0, machine_ = 0;
  uint8_t osabi_ = 0, abiversion_ = 0;
  uint64_t entry_ = 0, phoff_ = 0, shoff_ = 0;
  uint32_t flags_ = 0;
  uint16_t phentsize_ = 0, shentsize_ = 0;
  uint64_t phnum_ = 0, shnum_ = 0, shstrndx_ = 0;
  std::vector<Section> sections_;
  std::vector<Segment> segments_;
};

} // namespace xport::elf
