// The import pipeline on archives made in memory: selection, links, hardlinks and the hostile
// members it must refuse without writing anywhere but its folder.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "sysroot/importer.hpp"
#include "test_archive.hpp"
#include "util/digest.hpp"
#include "util/error.hpp"

namespace xport::sysroot {
namespace {

namespace fs = std::filesystem;
using testing::make_tar;
using testing::TestMember;

target::Profile freebsd() {
  target::Profile p;
  p.name = "x86_64-unknown-freebsd";
  p.os = "freebsd";
  p.arch = "x86_64";
  p.dynamic_linker = "/libexec/ld-elf.so.1";
  p.include_dirs = {"usr/include"};
  p.library_dirs = {"usr/lib"};
  p.startfile_dirs = {"usr/lib"};
  return p;
}

class ImportTest : public ::testing::Test {
protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() /
            ("xport-import-test-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    fs::create_directories(base_ / "root");
  }
  void TearDown() override { fs::remove_all(base_); }

  ImportResult import(const std::vector<std::byte>& tar, ImportOptions options = {}) {
    options.hash_media = false;
    MediumSource medium{"test.tar", {}, std::span<const std::byte>(tar), ""};
    return import_media(base_ / "root", {medium}, freebsd(), options);
  }
  std::string import_error(const std::vector<std::byte>& tar, ImportOptions options = {}) {
    try {
      import(tar, options);
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  }
  // Everything under base_ other than root/ must stay absent.
  void expect_nothing_outside_root() {
    for (const auto& entry : fs::directory_iterator(base_))
      EXPECT_EQ(entry.path().filename(), "root") << entry.path();
  }

  fs::path base_;
};

TEST_F(ImportTest, TakesTheSysrootPartAndRewritesAbsoluteLinks) {
  auto tar = make_tar({{"./usr/include/stdio.h", AE_IFREG, "int printf();\n"},
                       {"./lib/libc.so.7", AE_IFREG,
                        "\x7f"
                        "ELF..."},
                       {"./usr/lib/libc.so.7", AE_IFLNK, "", "/lib/libc.so.7"},
                       {"./usr/lib/crt1.o", AE_IFREG, "obj"},
                       {"./usr/bin/cc", AE_IFREG, "binary"},
                       {"./boot/kernel", AE_IFREG, "kernel"}});
  ImportResult r = import(tar);
  fs::path root = base_ / "root";
  EXPECT_TRUE(fs::exists(root / "usr/include/stdio.h"));
  EXPECT_EQ(fs::read_symlink(root / "usr/lib/libc.so.7"), "../../lib/libc.so.7");
  EXPECT_TRUE(fs::exists(root / "usr/lib/libc.so.7")); // resolves inside the root
  EXPECT_FALSE(fs::exists(root / "usr/bin/cc"));
  EXPECT_FALSE(fs::exists(root / "boot"));
  bool hashed = false;
  for (const FileRecord& f : r.files)
    if (f.path == "usr/include/stdio.h")
      hashed = f.digest == util::digest_file(root / f.path, util::DigestAlgorithm::xxh3_128) &&
               f.digest.size() == 32 && f.size == 14;
  EXPECT_TRUE(hashed);
}

TEST_F(ImportTest, PullsInTheTargetOfALinkOutsideTheSelection) {
  auto tar = make_tar({{"usr/share/real/libfoo.so.1", AE_IFREG, "elf"},
                       {"usr/lib/libfoo.so.1", AE_IFLNK, "", "../share/real/libfoo.so.1"}});
  import(tar);
  EXPECT_TRUE(fs::is_regular_file(base_ / "root/usr/share/real/libfoo.so.1"));
}

TEST_F(ImportTest, KeepsHardlinks) {
  auto tar = make_tar({{"usr/lib/libz.a", AE_IFREG, "archive"},
                       {"usr/lib/libz_p.a", AE_IFREG, "", "", "usr/lib/libz.a"}});
  import(tar);
  EXPECT_TRUE(fs::equivalent(base_ / "root/usr/lib/libz.a", base_ / "root/usr/lib/libz_p.a"));
}

TEST_F(ImportTest, ResolvesHardlinksToLaterAndUnselectedMembers) {
  auto tar = make_tar({{"usr/lib/libearly.a", AE_IFREG, "", "", "usr/lib/liblate.a"},
                       {"usr/lib/liblate.a", AE_IFREG, "late"},
                       {"usr/lib/libone.so.1", AE_IFREG, "", "", "usr/share/real/libshared.so.1"},
                       {"usr/lib/libtwo.so.1", AE_IFREG, "", "", "usr/share/real/libshared.so.1"},
                       {"usr/share/real/libshared.so.1", AE_IFREG, "elf"},
                       {"usr/share/real/libs.so", AE_IFLNK, "", "libshared.so.1"},
                       {"usr/lib/libs.so", AE_IFREG, "", "", "usr/share/real/libs.so"}});
  import(tar);
  fs::path root = base_ / "root";
  EXPECT_TRUE(fs::equivalent(root / "usr/lib/libearly.a", root / "usr/lib/liblate.a"));
  EXPECT_TRUE(fs::equivalent(root / "usr/lib/libone.so.1", root / "usr/lib/libtwo.so.1"));
  EXPECT_TRUE(fs::equivalent(root / "usr/lib/libone.so.1", root / "usr/share/real/libshared.so.1"));
  // A hardlink to a symlink is that symlink again.
  ASSERT_TRUE(fs::is_symlink(root / "usr/lib/libs.so"));
  EXPECT_EQ(fs::read_symlink(root / "usr/lib/libs.so"), "libshared.so.1");
}

TEST_F(ImportTest, RefusesAHardlinkThatResolvesToNothing) {
  std::string e =
      import_error(make_tar({{"usr/include/a.h", AE_IFREG, "int a;"},
                             {"usr/lib/libc.a", AE_IFREG, "", "", "usr/lib/libgone.a"}}));
  EXPECT_NE(e.find("member 'usr/lib/libc.a'"), std::string::npos) << e;
  EXPECT_NE(e.find("'usr/lib/libgone.a' is not a member of the medium"), std::string::npos) << e;
  e = import_error(make_tar(
      {{"usr/share/dir", AE_IFDIR}, {"usr/lib/libd.a", AE_IFREG, "", "", "usr/share/dir"}}));
  EXPECT_NE(e.find("'usr/share/dir' is a folder"), std::string::npos) << e;
  // The refusal comes after the first pass has written what it took into the import's own
  // folder, which the store then discards whole (StoreTest.AFailedImportLeavesTheStoreAsItWas);
  // nothing is written outside it.
  expect_nothing_outside_root();
}

TEST_F(ImportTest, RefusesDotDotAndAbsoluteNames) {
  std::string e = import_error(make_tar({{"usr/include/../../../evil.h", AE_IFREG, "x"}}));
  EXPECT_NE(e.find("medium 'test.tar', member 'usr/include/../../../evil.h'"), std::string::npos)
      << e;
  EXPECT_NE(e.find(".."), std::string::npos);
  e = import_error(make_tar({{"/usr/include/evil.h", AE_IFREG, "x"}}));
  EXPECT_NE(e.find("absolute"), std::string::npos) << e;
  expect_nothing_outside_root();
}

TEST_F(ImportTest, RefusesALinkOutOfTheRootBeforeAnythingIsWrittenThroughIt) {
  std::string e = import_error(make_tar({{"usr/include/sys", AE_IFLNK, "", "../../../outside"},
                                         {"usr/include/sys/evil.h", AE_IFREG, "x"}}));
  EXPECT_NE(e.find("member 'usr/include/sys'"), std::string::npos) << e;
  EXPECT_NE(e.find("outside the sysroot"), std::string::npos) << e;
  expect_nothing_outside_root();
}

TEST_F(ImportTest, WritesThroughAnInsideLinkWithoutFollowingItOnDisk) {
  import(make_tar({{"usr/include/machine", AE_IFLNK, "", "/usr/include/x86"},
                   { "usr/include/machine/endian.h",
                     AE_IFREG,
                     "x" }}));
  EXPECT_TRUE(fs::is_regular_file(base_ / "root/usr/include/x86/endian.h"));
  EXPECT_TRUE(fs::is_symlink(base_ / "root/usr/include/machine"));
}

TEST_F(ImportTest, RefusesHardlinksToOutside) {
  std::string e =
      import_error(make_tar({{"usr/lib/libc.a", AE_IFREG, "", "", "../../etc/passwd"}}));
  EXPECT_NE(e.find("member 'usr/lib/libc.a'"), std::string::npos) << e;
  e = import_error(make_tar({{"usr/lib/libc.a", AE_IFREG, "", "", "/etc/passwd"}}));
  EXPECT_NE(e.find("hardlink"), std::string::npos) << e;
  expect_nothing_outside_root();
}

TEST_F(ImportTest, RefusesDevicesAndFifosInTheSelection) {
  std::string e = import_error(make_tar({{"usr/include/pipe", AE_IFIFO}}));
  EXPECT_NE(e.find("FIFO"), std::string::npos) << e;
  e = import_error(make_tar({{"usr/lib/libc.so.7", AE_IFCHR}}));
  EXPECT_NE(e.find("character device"), std::string::npos) << e;
}

TEST_F(ImportTest, ClearsSetIdBitsWithAWarning) {
  ImportResult r = import(make_tar({{"usr/lib/libsuid.so.1", AE_IFREG, "x", "", "", 04755}}));
  EXPECT_EQ(fs::status(base_ / "root/usr/lib/libsuid.so.1").permissions() & fs::perms::set_uid,
            fs::perms::none);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("set-uid"), std::string::npos);
}

TEST_F(ImportTest, StopsAMemberPastTheSizeLimit) {
  ImportOptions options;
  options.max_member_size = 1000;
  std::string e = import_error(
      make_tar({{"usr/lib/libbig.a", AE_IFREG, std::string(5000, 'x')}}, ARCHIVE_FILTER_GZIP),
      options);
  EXPECT_NE(e.find("member 'usr/lib/libbig.a'"), std::string::npos) << e;
  EXPECT_NE(e.find("--max-member-size"), std::string::npos) << e;
}

TEST_F(ImportTest, ReportsTruncatedAndEmptyMedia) {
  auto tar = make_tar({{"usr/include/a.h", AE_IFREG, std::string(4000, 'a')},
                       {"usr/include/b.h", AE_IFREG, std::string(4000, 'b')}},
                      ARCHIVE_FILTER_GZIP);
  tar.resize(tar.size() / 2);
  std::string e = import_error(tar);
  EXPECT_NE(e.find("medium 'test.tar'"), std::string::npos) << e;
  EXPECT_NE(e.find("truncated or corrupt"), std::string::npos) << e;
  e = import_error(std::vector<std::byte>{});
  EXPECT_NE(e.find("empty"), std::string::npos) << e;
}

TEST_F(ImportTest, RefusesSelectedNamesThatAreNotUtf8) {
  std::string e = import_error(
      make_tar({{"usr/include/a.h", AE_IFREG, "a"}, {"usr/include/caf\xe9.h", AE_IFREG, "x"}}));
  EXPECT_NE(e.find("member 'usr/include/caf\xe9.h'"), std::string::npos) << e;
  EXPECT_NE(e.find("not UTF-8"), std::string::npos) << e;
  e = import_error(make_tar({{"usr/lib/libc.so", AE_IFLNK, "", "libc\xff.so.7"}}));
  EXPECT_NE(e.find("link target is not UTF-8"), std::string::npos) << e;
  // Outside the selection such a name costs nothing. (A failed import leaves its folder to the
  // store to remove: start from an empty one.)
  fs::remove_all(base_ / "root");
  fs::create_directories(base_ / "root");
  ImportResult r =
      import(make_tar({{"usr/include/a.h", AE_IFREG, "a"}, {"usr/share/caf\xe9", AE_IFREG, "x"}}));
  EXPECT_TRUE(fs::exists(base_ / "root/usr/include/a.h"));
}

// Written in pieces on the writing thread: the file and its digest are the member's, whole.
TEST_F(ImportTest, WritesALargeMemberWhole) {
  std::string data(9 << 20, '\0');
  for (std::size_t i = 0; i < data.size(); ++i)
    data[i] = static_cast<char>(i * 2654435761u >> 24);
  ImportResult r = import(make_tar({{"usr/lib/libbig.a", AE_IFREG, data}}));
  std::ifstream in(base_ / "root/usr/lib/libbig.a", std::ios::binary);
  std::string back((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_TRUE(back == data);
  util::Digest d(util::DigestAlgorithm::xxh3_128);
  d.update(data.data(), data.size());
  for (const FileRecord& f : r.files) {
    if (f.path == "usr/lib/libbig.a") {
      EXPECT_EQ(f.digest, d.hex_digest());
    }
  }
}

// A sparse member (GNU tar -S) keeps its holes, including a trailing one, and its digest is that
// of the data with the holes as zeros.
TEST_F(ImportTest, KeepsTheHolesOfASparseMember) {
  fs::path dir = base_ / "sparse";
  fs::create_directories(dir / "usr/lib");
  std::string data(3 << 20, '\0');
  std::fill_n(data.begin(), 4096, 'a');
  std::fill_n(data.begin() + (1 << 20), 4096, 'b');
  {
    std::ofstream out(dir / "usr/lib/libsparse.a", std::ios::binary);
    out.write(data.data(), 4096);
    out.seekp(1 << 20);
    out.write(data.data() + (1 << 20), 4096);
  }
  fs::resize_file(dir / "usr/lib/libsparse.a", data.size());
  std::string tar_file = (base_ / "sparse.tar").string();
  std::string command = "tar -S --format=pax -C '" + dir.string() + "' -cf '" + tar_file + "' usr";
  if (std::system(command.c_str()) != 0)
    GTEST_SKIP() << "GNU tar could not make a sparse archive: " << command;
  std::ifstream tar_in(tar_file, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(tar_in)), std::istreambuf_iterator<char>());
  std::vector<std::byte> tar(bytes.size());
  std::memcpy(tar.data(), bytes.data(), bytes.size());
  ImportResult r = import(tar);
  fs::path imported = base_ / "root/usr/lib/libsparse.a";
  EXPECT_EQ(fs::file_size(imported), data.size());
  struct stat st {};
  ASSERT_EQ(::stat(imported.c_str(), &st), 0);
  EXPECT_LT(st.st_blocks * 512, static_cast<off_t>(data.size())) << "the holes were filled";
  std::ifstream in(imported, std::ios::binary);
  std::string back((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_TRUE(back == data);
  util::Digest d(util::DigestAlgorithm::xxh3_128);
  d.update(data.data(), data.size());
  bool found = false;
  for (const FileRecord& f : r.files)
    if (f.path == "usr/lib/libsparse.a") {
      found = true;
      EXPECT_EQ(f.digest, d.hex_digest());
      EXPECT_EQ(f.size, data.size());
    }
  EXPECT_TRUE(found);
}

TEST_F(ImportTest, SaysWhenNothingIsASysroot) {
  std::string e = import_error(make_tar({{"usr/bin/cc", AE_IFREG, "x"}}));
  EXPECT_NE(e.find("--all"), std::string::npos) << e;
}

} // namespace
} // namespace xport::sysroot
