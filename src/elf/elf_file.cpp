// Reading the ELF header, section headers and program headers into the normalised view, plus the
// tables built on them (symbols, dynamic entries, notes, relocations). Every offset and count
// comes from the file, so each is checked against the input before use; counts are bounded by
// the bytes actually present, so a huge e_shnum or sh_size cannot make us allocate or loop.
#include "elf/elf_file.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "elf/struct_reader.hpp"

namespace xport::elf {
namespace {

constexpr uint8_t elf_magic[4] = {0x7f, 'E', 'L', 'F'};

} // namespace

bool ElfFile::has_elf_magic(std::span<const uint8_t> bytes) {
  return bytes.size() >= 4 && std::equal(elf_magic, elf_magic + 4, bytes.begin());
}

ElfFile::ElfFile(std::string name, std::span<const uint8_t> bytes) : view_(std::move(name), bytes) {
  read_header();
  read_sections();
  read_segments();
}

void ElfFile::read_header() {
  view_.require(0, 16, "the ELF identification (e_ident)");
  if (!has_elf_magic(view_.bytes()))
    view_.fail(0, "not an ELF file (no \\x7fELF magic); give an executable, shared object, object "
                  "file or .a archive");
  uint8_t cls = view_.u8(4, "EI_CLASS"), data = view_.u8(5, "EI_DATA");
  if (cls != 1 && cls != 2)
    view_.fail(4, fmt::format("EI_CLASS is {} (expected 1 for ELF32 or 2 for ELF64); the file is "
                              "damaged",
                              cls));
  if (data != 1 && data != 2)
    view_.fail(5, fmt::format("EI_DATA is {} (expected 1 for little or 2 for big endian); the "
                              "file is damaged",
                              data));
  is64_ = cls == 2;
  view_.set_big_endian(data == 2);
  const disk::Elf64_Ehdr h = disk::read<disk::Elf64_Ehdr>(view_, is64_, 0, "the ELF header");
  osabi_ = h.e_ident[llvm::ELF::EI_OSABI];
  abiversion_ = h.e_ident[llvm::ELF::EI_ABIVERSION];
  type_ = h.e_type;
  machine_ = h.e_machine;
  entry_ = h.e_entry;
  phoff_ = h.e_phoff;
  shoff_ = h.e_shoff;
  flags_ = h.e_flags;
  phentsize_ = h.e_phentsize;
  phnum_ = h.e_phnum;
  shentsize_ = h.e_shentsize;
  shnum_ = h.e_shnum;
  shstrndx_ = h.e_shstrndx;
}

void ElfFile::read_sections() {
  if (shoff_ == 0)
    return;
  const uint64_t want = disk::size_of<disk::Elf64_Shdr>(is64_);
  if (shentsize_ < want)
    view_.fail(XPORT_ELF_FIELD_OFFSET(is64_, Ehdr, e_shentsize),
               fmt::format("e_shentsize is {} (at least {} expected); the file is damaged",
                           shentsize_, want));
  // Extended numbering: the real counts live in section 0 (gABI "Extended Section Numbering").
  if (shnum_ == 0 || shstrndx_ == SHN_XINDEX) {
    const disk::Elf64_Shdr zero = disk::read<disk::Elf64_Shdr>(
        view_, is64_, shoff_, "section 0's header (which holds e_shnum or e_shstrndx)");
    if (shnum_ == 0)
      shnum_ = zero.sh_size;
    if (shstrndx_ == SHN_XINDEX)
      shstrndx_ = zero.sh_link;
  }
  if (shnum_ > view_.size() / shentsize_ || !view_.contains(shoff_, shnum_ * shentsize_))
    view_.fail(shoff_, fmt::format("the section header table ({} entries of {} bytes) extends "
                                   "past the end of the input ({} bytes); the file is truncated",
                                   shnum_, shentsize_, view_.size()));
  sections_.resize(shnum_);
  std::vector<uint32_t> names(shnum_);
  for (uint64_t i = 0; i < shnum_; ++i) {
    const disk::Elf64_Shdr h =
        disk::read<disk::Elf64_Shdr>(view_, is64_, shoff_ + i * shentsize_, "a section header");
    Section& s = sections_[i];
    s.index = static_cast<uint32_t>(i);
    names[i] = h.sh_name;
    s.type = h.sh_type;
    s.flags = h.sh_flags;
    s.addr = h.sh_addr;
    s.offset = h.sh_offset;
    s.size = h.sh_size;
    s.link = h.sh_link;
    s.info = h.sh_info;
    s.addralign = h.sh_addralign;
    s.entsize = h.sh_entsize;
  }
  if (shstrndx_ == 0)
    return;
  if (shstrndx_ >= sections_.size())
    view_.fail(XPORT_ELF_FIELD_OFFSET(is64_, Ehdr, e_shstrndx),
               fmt::format("e_shstrndx is {} but there are only {} sections; the file is damaged",
                           shstrndx_, sections_.size()));
  const Section& table = sections_[shstrndx_];
  for (uint64_t i = 0; i < shnum_; ++i)
    sections_[i].name = string_at(table, names[i]);
}

void ElfFile::read_segments() {
  if (phoff_ == 0 || phnum_ == 0)
    return;
  const uint64_t want = disk::size_of<disk::Elf64_Phdr>(is64_);
  if (phentsize_ < want)
    view_.fail(XPORT_ELF_FIELD_OFFSET(is64_, Ehdr, e_phentsize),
               fmt::format("e_phentsize is {} (at least {} expected); the file is damaged",
                           phentsize_, want));
  if (!view_.contains(phoff_, phnum_ * phentsize_))
    view_.fail(phoff_, fmt::format("the program header table ({} entries of {} bytes) extends "
                                   "past the end of the input ({} bytes); the file is truncated",
                                   phnum_, phentsize_, view_.size()));
  segments_.resize(phnum_);
  for (uint64_t i = 0; i < phnum_; ++i) {
    const disk::Elf64_Phdr h =
        disk::read<disk::Elf64_Phdr>(view_, is64_, phoff_ + i * phentsize_, "a program header");
    Segment& p = segments_[i];
    p.type = h.p_type;
    p.flags = h.p_flags;
    p.offset = h.p_offset;
    p.vaddr = h.p_vaddr;
    p.filesz = h.p_filesz;
    p.memsz = h.p_memsz;
    p.align = h.p_align;
  }
}

const Section* ElfFile::section(std::string_view name) const {
  for (const Section& s : sections_)
    if (s.name == name)
      return &s;
  return nullptr;
}

const Section* ElfFile::section_at(uint32_t index) const {
  return index < sections_.size() ? &sections_[index] : nullptr;
}

const Segment* ElfFile::segment(uint32_t type) const {
  for (const Segment& p : segments_)
    if (p.type == type)
      return &p;
  return nullptr;
}

std::span<const uint8_t> ElfFile::contents(const Section& s) const {
  if (s.type == SHT_NOBITS)
    return {};
  if (!view_.contains(s.offset, s.size))
    view_.fail(s.offset, fmt::format("section [{}] '{}' ({} bytes at offset 0x{:x}) extends past "
                                     "the end of the input ({} bytes); the file is truncated",
                                     s.index, s.name, s.size, s.offset, view_.size()));
  return view_.bytes().subspan(s.offset, s.size);
}

std::string_view ElfFile::string_at(const Section& strtab, uint64_t index) const {
  std::span<const uint8_t> table = contents(strtab);
  if (index >= table.size())
    view_.fail(strtab.offset, fmt::format("string index {} is outside string table [{}] '{}' ({} "
                                          "bytes); the file is damaged",
                                          index, strtab.index, strtab.name, table.size()));
  const void* nul = std::memchr(table.data() + index, 0, table.size() - index);
  if (!nul)
    view_.fail(strtab.offset + index, fmt::format("string at index {} of [{}] '{}' is not "
                                                  "NUL-terminated; the file is damaged",
                                                  index, strtab.index, strtab.name));
  return {reinterpret_cast<const char*>(table.data() + index),
          static_cast<std::size_t>(static_cast<const uint8_t*>(nul) - table.data() - index)};
}

std::optional<uint64_t> ElfFile::offset_of_address(uint64_t addr) const {
  for (const Segment& p : segments_)
    if (p.type == PT_LOAD && addr >= p.vaddr && addr - p.vaddr < p.filesz)
      return p.offset + (addr - p.vaddr);
  return std::nullopt;
}

std::optional<std::string_view> ElfFile::interpreter() const {
  const Segment* interp = segment(PT_INTERP);
  if (!interp)
    return std::nullopt;
  std::span<const uint8_t> text = view_.slice(interp->offset, interp->filesz, "PT_INTERP");
  auto end = std::find(text.begin(), text.end(), 0);
  return std::string_view(reinterpret_cast<const char*>(text.data()),
                          static_cast<std::size_t>(end - text.begin()));
}

} // namespace xport::elf
