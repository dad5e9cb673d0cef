// OS note decoding: versions printed as file(1) prints them, and compared as numbers.
#include <cstring>
#include <vector>

#include <gtest/gtest.h>

#include "elf/os_note.hpp"

namespace xport::elf {
namespace {

// A minimal ELF64 little-endian header, enough for ElfFile to read (no sections or segments).
std::vector<uint8_t> bare_header() {
  std::vector<uint8_t> b(64, 0);
  const uint8_t ident[] = {0x7f, 'E', 'L', 'F', 2, 1, 1};
  std::memcpy(b.data(), ident, sizeof ident);
  b[16] = 2;  // ET_EXEC
  b[18] = 62; // EM_X86_64
  return b;
}

std::string decode(std::string_view name, std::vector<uint32_t> words) {
  std::vector<uint8_t> header = bare_header();
  ElfFile elf("test", header);
  std::vector<uint8_t> desc(words.size() * 4);
  std::memcpy(desc.data(), words.data(), desc.size());
  Note n;
  n.name = name;
  n.type = 1;
  n.desc = desc;
  std::optional<OsNote> note = find_os_note(elf, {n});
  return note ? note->text() : "none";
}

TEST(OsNote, DecodesEachOsAsFileDoes) {
  EXPECT_EQ(decode("FreeBSD", {1302000}), "for FreeBSD 13.2");
  EXPECT_EQ(decode("FreeBSD", {1400097}), "for FreeBSD 14.0 (1400097)");
  EXPECT_EQ(decode("FreeBSD", {460002}), "for FreeBSD 4.6.2");
  EXPECT_EQ(decode("DragonFly", {300702}), "for DragonFly 3.0.702");
  EXPECT_EQ(decode("NetBSD", {903000000}), "for NetBSD 9.3");
  EXPECT_EQ(decode("NetBSD", {799000400}), "for NetBSD 7.99.4");
  EXPECT_EQ(decode("NetBSD", {199905}), "for NetBSD");
  EXPECT_EQ(decode("OpenBSD", {0}), "for OpenBSD");
  EXPECT_EQ(decode("GNU", {0, 3, 2, 0}), "for GNU/Linux 3.2.0");
  EXPECT_EQ(decode("GNU", {1, 0, 0, 0}), "for GNU/Hurd 0.0.0");
  EXPECT_EQ(decode("Android", {30}), "none");
}

TEST(OsNote, VersionsCompareNumerically) {
  EXPECT_EQ(parse_version("13.2"), (std::vector<uint32_t>{13, 2}));
  EXPECT_LT(compare_versions({12, 4, 0}, parse_version("13.0")), 0);
  EXPECT_EQ(compare_versions({13, 0, 0}, parse_version("13.0")), 0);
  EXPECT_GT(compare_versions({3, 10, 0}, parse_version("3.2.0")), 0);
}

} // namespace
} // namespace xport::elf
