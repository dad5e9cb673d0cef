#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "driver/abi_note.hpp"

namespace xport::driver {
namespace {

target::Profile freebsd_noted() {
  target::Profile p;
  p.name = "x86_64-unknown-freebsd";
  p.abi_note = target::AbiNote{"FreeBSD", 1, target::NoteVersionEncoding::freebsd, "12.0"};
  return p;
}

TEST(AbiNote, OnlyGcSectionsExecutablesOfFreeBsdNotedProfilesLoseTheNote) {
  target::Profile p = freebsd_noted();
  auto reads = [](std::vector<std::string> args) { return read_user_args(args); };
  EXPECT_TRUE(link_loses_abi_note(p, reads({"main.o", "-Wl,--as-needed,--gc-sections"})));
  EXPECT_TRUE(link_loses_abi_note(p, reads({"-pie", "main.o", "-Xlinker", "--gc-sections"})));
  EXPECT_FALSE(link_loses_abi_note(p, reads({"main.o"}))) << "the start file's note survives";
  EXPECT_FALSE(link_loses_abi_note(p, reads({"main.o", "-Wl,--gc-sections,--no-gc-sections"})));
  EXPECT_FALSE(link_loses_abi_note(p, reads({"-shared", "a.o", "-Wl,--gc-sections"})));
  EXPECT_FALSE(link_loses_abi_note(p, reads({"-c", "a.c", "-Wl,--gc-sections"})));
  EXPECT_FALSE(link_loses_abi_note(p, reads({"-nostartfiles", "a.o", "-Wl,--gc-sections"})));
  target::Profile linux;
  linux.abi_note = target::AbiNote{"GNU", 1, target::NoteVersionEncoding::gnu, ""};
  EXPECT_FALSE(link_loses_abi_note(linux, reads({"main.o", "-Wl,--gc-sections"})));
}

TEST(AbiNote, AssemblyIsCrtbrandsNoteOutsideAnyGroup) {
  std::string s = abi_note_assembly(*freebsd_noted().abi_note, 1302001);
  EXPECT_NE(s.find(".section .note.tag,\"a\",%note\n"), std::string::npos) << s;
  EXPECT_EQ(s.find("comdat"), std::string::npos);
  EXPECT_NE(s.find(".long 8\n\t.long 4\n\t.long 1\n\t.asciz \"FreeBSD\"\n\t.p2align 2\n\t.long "
                   "1302001\n"),
            std::string::npos)
      << s;
}

TEST(AbiNote, VersionComesFromTheSysrootsOsreldate) {
  std::filesystem::path root = std::filesystem::path(testing::TempDir()) / "abi-note-root";
  std::filesystem::create_directories(root / "usr" / "include");
  EXPECT_FALSE(freebsd_version(root));
  std::ofstream(root / "usr" / "include" / "osreldate.h")
      << "#ifndef _OSRELDATE_H_\n#undef __FreeBSD_version\n#define __FreeBSD_version 1302001\n";
  EXPECT_EQ(freebsd_version(root), 1302001ul);
  std::filesystem::remove_all(root);
}

} // namespace
} // namespace xport::driver
