// The reader on the fuzz corpus (fuzz/corpus/elf): valid files and archives read completely;
// every malformed one is rejected with an xport::Error naming the input and the offset, never a
// crash. And archives name their members "lib.a(member.o)".
#include <filesystem>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "elf/archive.hpp"
#include "elf/elf_file.hpp"
#include "elf/summary.hpp"
#include "elf/thread_pointer.hpp"

namespace xport::elf {
namespace {

namespace fs = std::filesystem;

std::vector<uint8_t> slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void read_everything(const std::string& name, std::span<const uint8_t> bytes) {
  ElfFile elf(name, bytes);
  Summary s = summarize(elf);
  (void)s.to_json().dump();
  (void)elf.symbols(true);
  if (thread_pointer_register(elf.machine()).size())
    (void)find_thread_pointer_reads(elf, ScanOptions{1});
}

TEST(Reader, CorpusIsReadOrRejectedWithFileAndOffset) {
  fs::path corpus = fs::path(XPORT_SOURCE_DIR) / "fuzz/corpus/elf";
  std::size_t valid = 0, rejected = 0;
  for (const auto& entry : fs::directory_iterator(corpus)) {
    std::string name = entry.path().filename().string();
    std::vector<uint8_t> bytes = slurp(entry.path());
    const bool should_read = name.find(".valid") != std::string::npos;
    try {
      if (has_archive_magic(bytes)) {
        for (const ArchiveMember& m : read_archive(name, bytes))
          read_everything(m.full_name, m.bytes);
      } else {
        read_everything(name, bytes);
      }
      valid += should_read;
    } catch (const Error& e) {
      std::string what = e.what();
      EXPECT_FALSE(should_read) << name << ": " << what;
      EXPECT_NE(what.find(name), std::string::npos) << what;
      EXPECT_NE(what.find("offset 0x"), std::string::npos) << what;
      ++rejected;
    }
  }
  EXPECT_GE(valid, 8u);
  EXPECT_GE(rejected, 50u);
}

TEST(Reader, ArchiveMembersAreNamedAfterTheArchive) {
  std::vector<uint8_t> bytes =
      slurp(fs::path(XPORT_SOURCE_DIR) / "fuzz/corpus/elf/archive.valid.a");
  std::vector<ArchiveMember> members = read_archive("libt.a", bytes);
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[0].full_name, "libt.a(a_rather_long_member_name_for_the_gnu_table.o)");
  EXPECT_EQ(members[1].full_name, "libt.a(t2.o)");
  EXPECT_TRUE(ElfFile::has_elf_magic(members[1].bytes));
}

TEST(Reader, TruncatedHeaderNamesTheOffset) {
  std::vector<uint8_t> bytes = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0};
  try {
    ElfFile elf("short.o", bytes);
    FAIL() << "a truncated header was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("short.o: offset 0x0: the ELF header (64 bytes) extends "
                                          "past the end of the input (18 bytes)",
                                          0),
              0u)
        << e.what();
  }
}

} // namespace
} // namespace xport::elf
