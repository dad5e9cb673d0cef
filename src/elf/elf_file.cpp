// Reading the ELF header, section headers and program headers into the normalised view, plus the
// tables built on them (symbols, dynamic entries, notes, relocations). Every offset and count
// comes from the file, so each is checked against the input before use; counts are bounded by
// the bytes actually present, so a huge e_shnum or sh_size cannot make us allocate or loop.
#include "elf/elf_file.hpp"

#include <algorithm>

#include <fmt/format.h>

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
  osabi_ = view_.u8(7, "EI_OSABI");
  abiversion_ = view_.u8(8, "EI_ABIVERSION");
  view_.require(0, is64_ ? 64 : 52, "the ELF header");
  type_ = view_.u16(16, "e_type");
  machine_ = view_.u16(18, "e_machine");
  uint64_t at = 24;
  entry_ = view_.word(at, is64_, "e_entry");
  at += is64_ ? 8 : 4;
  phoff_ = view_.word(at, is64_, "e_phoff");
  at += is64_ ? 8 : 4;
  shoff_ = view_.word(at, is64_, "e_shoff");
  at += is64_ ? 8 : 4;
  flags_ = view_.u32(at, "e_flags");
  phentsize_ = view_.u16(at + 6, "e_phentsize");
  phnum_ = view_.u16(at + 8, "e_phnum");
  shentsize_ = view_.u16(at + 10, "e_shentsize");
  shnum_ = view_.u16(at + 12, "e_shnum");
  shstrndx_ = view_.u16(at + 14, "e_shstrndx");
}

void ElfFile::read_sections() {
  if (shoff_ == 0)
    return;
  const uint64_t want = is64_ ? 64 : 40;
  if (shentsize_ < want)
    view_.fail(is64_ ? 58 : 46, fmt::format("e_shentsize is {} (at least {} expected); the file "
                                            "is damaged",
                                            shentsize_, want));
  // Extended numbering: the real counts live in section 0 (gABI "Extended Section Numbering").
  if (shnum_ == 0)
    shnum_ = view_.word(shoff_ + (is64_ ? 32 : 20), is64_, "section 0's sh_size (e_shnum)");
  if (shstrndx_ == SHN_XINDEX)
    shstrndx_ = view_.u32(shoff_ + (is64_ ? 40 : 24), "section 0's sh_link (e_shstrndx)");
  if (shnum_ > view_.size() / shentsize_ || !view_.contains(shoff_, shnum_ * shentsize_))
    view_.fail(shoff_, fmt::format("the section header table ({} entries of {} bytes) extends "
                                   "past the end of the input ({} bytes); the file is truncated",
                                   shnum_, shentsize_, view_.size()));
  sections_.resize(shnum_);
  for (uint64_t i = 0; i < shnum_; ++i) {
    Section& s = sections_[i];
    uint64_t at = shoff_ + i * shentsize_;
    s.index = static_cast<uint32_t>(i);
    s.type = view_.u32(at + 4, "sh_type");
    if (is64_) {
      s.flags = view_.u64(at + 8, "sh_flags");
      s.addr = view_.u64(at + 16, "sh_addr");
      s.offset = view_.u64(at + 24, "sh_offset");
      s.size = view_.u64(at + 32, "sh_size");
      s.link = view_.u32(at + 40, "sh_link");
      s.info = view_.u32(at + 44, "sh_info");
      s.addralign = view_.u64(at + 48, "sh_addralign");
      s.entsize = view_.u64(at + 56, "sh_entsize");
    } else {
      s.flags = view_.u32(at + 8, "sh_flags");
      s.addr = view_.u32(at + 12, "sh_addr");
      s.offset = view_.u32(at + 16, "sh_offset");
      s.size = view_.u32(at + 20, "sh_size");
      s.link = view_.u32(at + 24, "sh_link");
      s.info = view_.u32(at + 28, "sh_info");
      s.addralign = view_.u32(at + 32, "sh_addralign");
      s.entsize = view_.u32(at + 36, "sh_entsize");
    }
  }
  if (shstrndx_ == 0)
    return;
  if (shstrndx_ >= sections_.size())
    view_.fail(is64_ ? 62 : 50, fmt::format("e_shstrndx is {} but there are only {} sections; the "
                                            "file is damaged",
                                            shstrndx_, sections_.size()));
  const Section& names = sections_[shstrndx_];
  for (uint64_t i = 0; i < shnum_; ++i) {
    uint32_t name = view_.u32(shoff_ + i * shentsize_, "sh_name");
    sections_[i].name = string_at(names, name);
  }
}

void ElfFile::read_segments() {
  if (phoff_ == 0 || phnum_ == 0)
    return;
  const uint64_t want = is64_ ? 56 : 32;
  if (phentsize_ < want)
    view_.fail(is64_ ? 54 : 42, fmt::format("e_phentsize is {} (at least {} expected); the file "
                                            "is damaged",
                                            phentsize_, want));
  if (!view_.contains(phoff_, phnum_ * phentsize_))
    view_.fail(phoff_, fmt::format("the program header table ({} entries of {} bytes) extends "
                                   "past the end of the input ({} bytes); the file is truncated",
                                   phnum_, phentsize_, view_.size()));
  segments_.resize(phnum_);
  for (uint64_t i = 0; i < phnum_; ++i) {
    Segment& p = segments_[i];
    uint64_t at = phoff_ + i * phentsize_;
    p.type = view_.u32(at, "p_type");
    if (is64_) {
      p.flags = view_.u32(at + 4, "p_flags");
      p.offset = view_.u64(at + 8, "p_offset");
      p.vaddr = view_.u64(at + 16, "p_vaddr");
      p.filesz = view_.u64(at + 32, "p_filesz");
      p.memsz = view_.u64(at + 40, "p_memsz");
      p.align = view_.u64(at + 48, "p_align");
    } else {
      p.offset = view_.u32(at + 4, "p_offset");
      p.vaddr = view_.u32(at + 8, "p_vaddr");
      p.filesz = view_.u32(at + 16, "p_filesz");
      p.memsz = view_.u32(at + 20, "p_memsz");
      p.flags = view_.u32(at + 24, "p_flags");
      p.align = view_.u32(at + 28, "p_align");
    }
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
