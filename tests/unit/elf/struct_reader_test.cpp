// The struct reader: each structure is read in the file's class and byte order and widened into
// the 64-bit form field by field (the 32-bit symbol's fields are in another order), signed fields
// keep their sign, and a structure that does not fit names itself, the input and the offset.
#include <gtest/gtest.h>

#include "elf/struct_reader.hpp"

namespace xport::elf {
namespace {

TEST(StructReader, WidensA32BitBigEndianSymbolFieldByField) {
  // Elf32_Sym: st_name, st_value, st_size (4 bytes each), st_info, st_other, st_shndx (2).
  const uint8_t bytes[] = {0xff, 0, 0,    0x01, 0x00, 0x40, 0x10, 0x00, 0,
                           0,    0, 0x18, 0x12, 0x02, 0x00, 0x07, 0xee};
  ByteView view("sym32be", std::span(bytes, 16), /*big_endian=*/true);
  disk::Elf64_Sym s = disk::read<disk::Elf64_Sym>(view, false, 0, "a symbol");
  EXPECT_EQ(s.st_name, 0xff000001u);
  EXPECT_EQ(s.st_value, 0x00401000u);
  EXPECT_EQ(s.st_size, 0x18u);
  EXPECT_EQ(s.st_info, 0x12);
  EXPECT_EQ(s.st_other, 0x02);
  EXPECT_EQ(s.st_shndx, 7);
  EXPECT_EQ(disk::size_of<disk::Elf64_Sym>(false), 16u);
  EXPECT_EQ(disk::size_of<disk::Elf64_Sym>(true), 24u);
}

TEST(StructReader, KeepsTheSignOfA32BitDynamicTag) {
  const uint8_t bytes[] = {0xfe, 0xff, 0xff, 0xff, 0x05, 0, 0, 0}; // d_tag -2, d_val 5, LE
  ByteView view("dyn32le", bytes);
  disk::Elf64_Dyn d = disk::read<disk::Elf64_Dyn>(view, false, 0, "a dynamic entry");
  EXPECT_EQ(d.d_tag, -2);
  EXPECT_EQ(d.d_un.d_val, 5u);
}

TEST(StructReader, ReadsA64BitNativeStructureWhole) {
  disk::Elf64_Rela r{};
  r.r_offset = 0x1234;
  r.r_info = (uint64_t{7} << 32) | 8;
  r.r_addend = -16;
  const auto* raw = reinterpret_cast<const uint8_t*>(&r);
  ByteView view("rela64", std::span(raw, sizeof r));
  disk::Elf64_Rela got = disk::read<disk::Elf64_Rela>(view, true, 0, "a relocation");
  EXPECT_EQ(got.r_offset, 0x1234u);
  EXPECT_EQ(got.r_info, r.r_info);
  EXPECT_EQ(got.r_addend, -16);
}

TEST(StructReader, AStructurePastTheEndNamesItselfAndTheOffset) {
  const uint8_t bytes[20] = {};
  ByteView view("short.o", bytes);
  try {
    disk::read<disk::Elf64_Shdr>(view, false, 4, "a section header");
    FAIL() << "a 40-byte header at offset 4 of 20 bytes was read";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "short.o: offset 0x4: a section header (40 bytes) extends past the end "
                           "of the input (20 bytes); the file is truncated or damaged: rebuild or "
                           "download it again");
  }
}

} // namespace
} // namespace xport::elf
