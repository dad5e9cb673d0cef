// Reading one ELF structure at an offset, in the style of bloaty's ElfFile::StructReader: the
// structure's on-disk layout for the file's class (llvm/BinaryFormat/ELF.h's Elf32_X or Elf64_X)
// is checked against the input in one piece, copied out, and each field is put in host byte order
// and widened into the 64-bit form. Each structure's fields are listed once, here; the readers in
// elf_file.cpp and elf_tables.cpp name structures and never spell an offset.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>

#include <llvm/BinaryFormat/ELF.h>

#include "elf/byte_view.hpp"

namespace xport::elf::disk {

using llvm::ELF::Elf32_Dyn;
using llvm::ELF::Elf32_Ehdr;
using llvm::ELF::Elf32_Nhdr;
using llvm::ELF::Elf32_Phdr;
using llvm::ELF::Elf32_Rel;
using llvm::ELF::Elf32_Rela;
using llvm::ELF::Elf32_Shdr;
using llvm::ELF::Elf32_Sym;
using llvm::ELF::Elf64_Dyn;
using llvm::ELF::Elf64_Ehdr;
using llvm::ELF::Elf64_Nhdr;
using llvm::ELF::Elf64_Phdr;
using llvm::ELF::Elf64_Rel;
using llvm::ELF::Elf64_Rela;
using llvm::ELF::Elf64_Shdr;
using llvm::ELF::Elf64_Sym;

// The GNU symbol-versioning structures, which are the same in both classes (LSB Core, "Symbol
// Versioning"; LLVM has them only as templates of its Object library).
struct Verdef {
  uint16_t vd_version, vd_flags, vd_ndx, vd_cnt;
  uint32_t vd_hash, vd_aux, vd_next;
};
struct Verdaux {
  uint32_t vda_name, vda_next;
};
struct Verneed {
  uint16_t vn_version, vn_cnt;
  uint32_t vn_file, vn_aux, vn_next;
};
struct Vernaux {
  uint32_t vna_hash;
  uint16_t vna_flags, vna_other;
  uint32_t vna_name, vna_next;
};
static_assert(sizeof(Verdef) == 20 && sizeof(Verdaux) == 8 && sizeof(Verneed) == 16 &&
              sizeof(Vernaux) == 16);

// Each structure read, keyed by its 64-bit form: its 32-bit twin (Narrow) and its fields, visited
// pairwise as visit(to_field, from_field).
template <class Wide> struct Fields;

template <> struct Fields<Elf64_Ehdr> {
  using Narrow = Elf32_Ehdr;
  template <class From, class Visit> static void each(Elf64_Ehdr& t, const From& f, Visit v) {
    std::memcpy(t.e_ident, f.e_ident, sizeof t.e_ident);
    v(t.e_type, f.e_type), v(t.e_machine, f.e_machine), v(t.e_version, f.e_version);
    v(t.e_entry, f.e_entry), v(t.e_phoff, f.e_phoff), v(t.e_shoff, f.e_shoff);
    v(t.e_flags, f.e_flags), v(t.e_ehsize, f.e_ehsize), v(t.e_phentsize, f.e_phentsize);
    v(t.e_phnum, f.e_phnum), v(t.e_shentsize, f.e_shentsize), v(t.e_shnum, f.e_shnum);
    v(t.e_shstrndx, f.e_shstrndx);
  }
};
template <> struct Fields<Elf64_Shdr> {
  using Narrow = Elf32_Shdr;
  template <class From, class Visit> static void each(Elf64_Shdr& t, const From& f, Visit v) {
    v(t.sh_name, f.sh_name), v(t.sh_type, f.sh_type), v(t.sh_flags, f.sh_flags);
    v(t.sh_addr, f.sh_addr), v(t.sh_offset, f.sh_offset), v(t.sh_size, f.sh_size);
    v(t.sh_link, f.sh_link), v(t.sh_info, f.sh_info), v(t.sh_addralign, f.sh_addralign);
    v(t.sh_entsize, f.sh_entsize);
  }
};
template <> struct Fields<Elf64_Phdr> {
  using Narrow = Elf32_Phdr;
  template <class From, class Visit> static void each(Elf64_Phdr& t, const From& f, Visit v) {
    v(t.p_type, f.p_type), v(t.p_flags, f.p_flags), v(t.p_offset, f.p_offset);
    v(t.p_vaddr, f.p_vaddr), v(t.p_paddr, f.p_paddr), v(t.p_filesz, f.p_filesz);
    v(t.p_memsz, f.p_memsz), v(t.p_align, f.p_align);
  }
};
template <> struct Fields<Elf64_Sym> {
  using Narrow = Elf32_Sym;
  template <class From, class Visit> static void each(Elf64_Sym& t, const From& f, Visit v) {
    v(t.st_name, f.st_name), v(t.st_info, f.st_info), v(t.st_other, f.st_other);
    v(t.st_shndx, f.st_shndx), v(t.st_value, f.st_value), v(t.st_size, f.st_size);
  }
};
template <> struct Fields<Elf64_Dyn> {
  using Narrow = Elf32_Dyn;
  template <class From, class Visit> static void each(Elf64_Dyn& t, const From& f, Visit v) {
    v(t.d_tag, f.d_tag), v(t.d_un.d_val, f.d_un.d_val);
  }
};
// r_info is widened as a number; its symbol and type split differently by class (Relocation).
template <> struct Fields<Elf64_Rel> {
  using Narrow = Elf32_Rel;
  template <class From, class Visit> static void each(Elf64_Rel& t, const From& f, Visit v) {
    v(t.r_offset, f.r_offset), v(t.r_info, f.r_info);
  }
};
template <> struct Fields<Elf64_Rela> {
  using Narrow = Elf32_Rela;
  template <class From, class Visit> static void each(Elf64_Rela& t, const From& f, Visit v) {
    v(t.r_offset, f.r_offset), v(t.r_info, f.r_info), v(t.r_addend, f.r_addend);
  }
};
template <> struct Fields<Elf64_Nhdr> {
  using Narrow = Elf32_Nhdr;
  template <class From, class Visit> static void each(Elf64_Nhdr& t, const From& f, Visit v) {
    v(t.n_namesz, f.n_namesz), v(t.n_descsz, f.n_descsz), v(t.n_type, f.n_type);
  }
};
template <> struct Fields<Verdef> {
  using Narrow = Verdef;
  template <class Visit> static void each(Verdef& t, const Verdef& f, Visit v) {
    v(t.vd_version, f.vd_version), v(t.vd_flags, f.vd_flags), v(t.vd_ndx, f.vd_ndx);
    v(t.vd_cnt, f.vd_cnt), v(t.vd_hash, f.vd_hash), v(t.vd_aux, f.vd_aux);
    v(t.vd_next, f.vd_next);
  }
};
template <> struct Fields<Verdaux> {
  using Narrow = Verdaux;
  template <class Visit> static void each(Verdaux& t, const Verdaux& f, Visit v) {
    v(t.vda_name, f.vda_name), v(t.vda_next, f.vda_next);
  }
};
template <> struct Fields<Verneed> {
  using Narrow = Verneed;
  template <class Visit> static void each(Verneed& t, const Verneed& f, Visit v) {
    v(t.vn_version, f.vn_version), v(t.vn_cnt, f.vn_cnt), v(t.vn_file, f.vn_file);
    v(t.vn_aux, f.vn_aux), v(t.vn_next, f.vn_next);
  }
};
template <> struct Fields<Vernaux> {
  using Narrow = Vernaux;
  template <class Visit> static void each(Vernaux& t, const Vernaux& f, Visit v) {
    v(t.vna_hash, f.vna_hash), v(t.vna_flags, f.vna_flags), v(t.vna_other, f.vna_other);
    v(t.vna_name, f.vna_name), v(t.vna_next, f.vna_next);
  }
};

// Where `field` of structure `Struct` (Ehdr, Shdr, ...) lies in a file of this class, for errors.
#define XPORT_ELF_FIELD_OFFSET(is64, Struct, field)                                                \
  ((is64) ? offsetof(::xport::elf::disk::Elf64_##Struct, field)                                    \
          : offsetof(::xport::elf::disk::Elf32_##Struct, field))

// The structure's size in a file of this class.
template <class Wide> constexpr uint64_t size_of(bool is64) {
  return is64 ? sizeof(Wide) : sizeof(typename Fields<Wide>::Narrow);
}

// The structure at `offset` of `view`, read in the file's class and byte order; throws (naming
// `what`, the input and the offset) unless all of it lies inside the input.
template <class Wide>
Wide read(const ByteView& view, bool is64, uint64_t offset, std::string_view what) {
  auto as = [&]<class From>(std::type_identity<From>) {
    From from;
    std::memcpy(&from, view.slice(offset, sizeof(From), what).data(), sizeof(From));
    if constexpr (std::is_same_v<From, Wide>)
      if (!view.swaps())
        return from;
    Wide to{};
    Fields<Wide>::each(to, from, [&](auto& field, auto value) {
      using Field = std::remove_reference_t<decltype(field)>;
      field = static_cast<Field>(view.host_order(value));
    });
    return to;
  };
  if (is64)
    return as(std::type_identity<Wide>{});
  return as(std::type_identity<typename Fields<Wide>::Narrow>{});
}

} // namespace xport::elf::disk
