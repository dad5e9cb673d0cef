// The reader on the fuzz corpus (fuzz/corpus/elf): valid files and archives read completely;
// every malformed one is rejected with an xport::Error naming the input and the offset, never a
// crash. And archives name their members "lib.a(member.o)".
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include <gtest/gtest.h>

#include "elf/archive.hpp"
#include "elf/check.hpp"
#include "elf/elf_file.hpp"
#include "elf/summary.hpp"
#include "elf/thread_pointer.hpp"
#include "util/json_text.hpp"

namespace xport::elf {
namespace {

namespace fs = std::filesystem;

std::vector<uint8_t> slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A profile on which every check runs: thread-pointer reads, TLS, notes, relocations,
// unavailable symbols and symbol-version ceilings are all judged.
CheckContext strict_context() {
  CheckContext c;
  c.profile.name = "x86_64-strict";
  c.profile.arch = "x86_64";
  c.profile.pointer_width = 64;
  c.profile.tls_model = target::TlsModel::emulated;
  c.profile.thread_pointer = target::ThreadPointer::fs;
  c.profile.abi_note = target::AbiNote{"FreeBSD", 1, target::NoteVersionEncoding::freebsd, "12.0"};
  c.profile.loader_relocations = {"R_X86_64_RELATIVE"};
  c.profile.unavailable_symbols = {"puts"};
  c.max_versions.apply({target::parse_version_ceiling("GLIBC_2.0").value(),
                        target::parse_version_ceiling("FBSD_1.0").value()});
  c.threads = 1;
  return c;
}

// Everything inspect and check do with an image, JSON printing included, as the commands do it
// (names from the file need not be UTF-8).
void read_everything(const std::string& name, std::span<const uint8_t> bytes) {
  ElfFile elf(name, bytes);
  Summary s = summarize(elf);
  (void)util::json_text(s.to_json());
  (void)s.describe();
  (void)elf.symbols(true);
  if (thread_pointer_register(elf.machine()).size())
    (void)find_thread_pointer_reads(elf, ScanOptions{1});
  nlohmann::json findings = nlohmann::json::array();
  for (const Finding& f : check_image(elf, {name, "", {}}, strict_context()))
    findings.push_back(f.to_json());
  (void)util::json_text(findings);
}

// What reading one corpus file gives: "accepted", or "rejected\t<the error, its file name
// written {file}>".
std::string outcome_of(const std::string& name, std::span<const uint8_t> bytes) {
  try {
    if (has_archive_magic(bytes)) {
      for (const ArchiveMember& m : read_archive(name, bytes))
        read_everything(m.full_name, m.bytes);
    } else {
      read_everything(name, bytes);
    }
    return "accepted";
  } catch (const Error& e) {
    std::string what = e.what();
    for (auto at = what.find(name); at != std::string::npos; at = what.find(name, at))
      what.replace(at, name.size(), "{file}");
    return "rejected\t" + what;
  }
}

// Every corpus file has its expected outcome in fuzz/corpus/elf.expected, as bloaty's tests do
// per case: accepted, or rejected with exactly that message (which names the file and the
// offset). XPORT_UPDATE_EXPECTED=1 rewrites the file from what the reader does now; review the
// diff before committing it.
TEST(Reader, EveryCorpusFileHasItsExpectedOutcome) {
  fs::path corpus = fs::path(XPORT_SOURCE_DIR) / "fuzz/corpus/elf";
  fs::path expected_file = fs::path(XPORT_SOURCE_DIR) / "fuzz/corpus/elf.expected";
  std::map<std::string, std::string> actual;
  for (const auto& entry : fs::directory_iterator(corpus)) {
    std::string name = entry.path().filename().string();
    actual[name] = outcome_of(name, slurp(entry.path()));
    if (name.find(".valid") != std::string::npos) {
      EXPECT_EQ(actual[name], "accepted") << name << " is named valid";
    } else if (actual[name] != "accepted") {
      EXPECT_NE(actual[name].find("offset 0x"), std::string::npos) << name << ": " << actual[name];
      EXPECT_NE(actual[name].find("{file}"), std::string::npos) << name << ": " << actual[name];
    }
  }
  if (const char* update = std::getenv("XPORT_UPDATE_EXPECTED"); update && *update) {
    std::ofstream out(expected_file);
    out << "# fuzz/corpus/elf: each file's outcome (tests/unit/elf/reader_test.cpp)\n";
    for (const auto& [name, outcome] : actual)
      out << name << "\t" << outcome << "\n";
    return;
  }
  std::ifstream in(expected_file);
  ASSERT_TRUE(in) << expected_file << " is missing; make it with XPORT_UPDATE_EXPECTED=1";
  std::map<std::string, std::string> expected;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#')
      continue;
    auto tab = line.find('\t');
    expected[line.substr(0, tab)] = line.substr(tab + 1);
  }
  for (const auto& [name, outcome] : actual) {
    auto it = expected.find(name);
    if (it == expected.end()) {
      ADD_FAILURE() << name << " has no expected outcome in " << expected_file
                    << "; it is: " << outcome << " (XPORT_UPDATE_EXPECTED=1 adds it)";
      continue;
    }
    EXPECT_EQ(outcome, it->second) << name;
  }
  for (const auto& [name, outcome] : expected)
    EXPECT_TRUE(actual.count(name)) << name << " is expected but not in the corpus";
}

TEST(Reader, NamesThatAreNotUtf8ReachJsonReplacedNotAsAnException) {
  fs::path corpus = fs::path(XPORT_SOURCE_DIR) / "fuzz/corpus/elf";
  for (const char* file : {"nonutf8-names.valid.o", "tls-nonutf8-function.valid"}) {
    std::vector<uint8_t> bytes = slurp(corpus / file);
    ElfFile elf(file, bytes);
    std::vector<Finding> findings = check_image(elf, {file, "", {}}, strict_context());
    nlohmann::json all = nlohmann::json::array();
    for (const Finding& f : findings)
      all.push_back(f.to_json());
    std::string text;
    ASSERT_NO_THROW(text = util::json_text(all)) << file;
    if (std::string(file) == "tls-nonutf8-function.valid") {
      EXPECT_NE(text.find("g\uFFFDt"), std::string::npos)
          << "the function is named, its bad byte replaced by U+FFFD: " << text;
    }
  }
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
