// The store: import from a folder, find/list, refusing a taken name, atomic replacement, verify
// reporting every change, removal, and cleaning up after a killed import.
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "sysroot/store.hpp"
#include "util/error.hpp"

namespace xport::sysroot {
namespace {

namespace fs = std::filesystem;

class StoreTest : public ::testing::Test {
protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() /
            ("xport-store-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    write("media/usr/include/stdio.h", "int printf(const char*, ...);\n");
    write("media/usr/lib/libc.a", "!<arch>\n");
    write("media/usr/lib/crt1.o", "obj");
    write("media/usr/bin/cc", "program");
    profile_.name = "x86_64-unknown-freebsd";
    profile_.os = "freebsd";
    profile_.include_dirs = {"usr/include"};
    profile_.library_dirs = {"usr/lib"};
  }
  void TearDown() override { fs::remove_all(base_); }
  void write(const std::string& rel, const std::string& text) {
    fs::create_directories((base_ / rel).parent_path());
    std::ofstream(base_ / rel) << text;
  }
  Sysroot import(Store& store, bool force = false, std::string name = {}) {
    ImportRequest request;
    request.media = {base_ / "media"};
    request.force = force;
    request.name = std::move(name);
    return store.import(profile_, request);
  }

  fs::path base_;
  target::Profile profile_;
};

TEST_F(StoreTest, ImportFindListAndRemove) {
  Store store = Store::open(base_ / "store");
  Sysroot s = import(store);
  EXPECT_EQ(s.name, "x86_64-unknown-freebsd");
  EXPECT_EQ(s.root, base_ / "store/sysroots/x86_64-unknown-freebsd/root");
  EXPECT_TRUE(fs::exists(s.root / "usr/include/stdio.h"));
  EXPECT_FALSE(fs::exists(s.root / "usr/bin/cc"));
  EXPECT_EQ(s.manifest.media.at(0).format, "folder");
  std::optional<Sysroot> found = store.find("x86_64-unknown-freebsd");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->manifest.files.size(), s.manifest.files.size());
  EXPECT_EQ(store.list().size(), 1u);
  store.remove("x86_64-unknown-freebsd");
  EXPECT_FALSE(store.find("x86_64-unknown-freebsd"));
  EXPECT_THROW(store.remove("x86_64-unknown-freebsd"), Error);
}

TEST_F(StoreTest, RefusesATakenNameUnlessForced) {
  Store store = Store::open(base_ / "store");
  import(store);
  try {
    import(store);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("--force"), std::string::npos) << e.what();
  }
  write("media/usr/include/new.h", "");
  Sysroot s = import(store, true);
  EXPECT_TRUE(fs::exists(s.root / "usr/include/new.h"));
  for (const auto& entry : fs::directory_iterator(base_ / "store/sysroots"))
    EXPECT_FALSE(entry.path().filename().string().starts_with(".tmp-")) << entry.path();
}

TEST_F(StoreTest, VerifyReportsEveryChangedMissingAndExtraFile) {
  Store store = Store::open(base_ / "store");
  Sysroot s = import(store);
  EXPECT_TRUE(store.verify(s.name).ok());
  std::ofstream(s.root / "usr/include/stdio.h") << "tampered";
  fs::remove(s.root / "usr/lib/crt1.o");
  std::ofstream(s.root / "usr/lib/extra.o") << "new";
  VerifyReport r = store.verify(s.name);
  ASSERT_EQ(r.changed.size(), 1u);
  EXPECT_EQ(r.changed[0].path, "usr/include/stdio.h");
  ASSERT_EQ(r.missing.size(), 1u);
  EXPECT_EQ(r.missing[0].path, "usr/lib/crt1.o");
  ASSERT_EQ(r.extra.size(), 1u);
  EXPECT_EQ(r.extra[0].path, "usr/lib/extra.o");
}

TEST_F(StoreTest, RemovesTemporaryFoldersOfDeadImports) {
  fs::create_directories(base_ / "store/sysroots/.tmp-dead-99999-import1/root/usr");
  Store store = Store::open(base_ / "store");
  EXPECT_FALSE(fs::exists(base_ / "store/sysroots/.tmp-dead-99999-import1"));
}

// A process that died while staging a tree for an add left its folder; a live one keeps its own.
TEST_F(StoreTest, StagingFoldersOfGoneProcessesAreRemoved) {
  pid_t child = ::fork();
  if (child == 0)
    ::_exit(0);
  ASSERT_GT(child, 0);
  int status = 0;
  ::waitpid(child, &status, 0);
  Store store = Store::open(base_ / "store");
  fs::path dead = base_ / "store" / (".staging-genode-" + std::to_string(child));
  fs::path alive = base_ / "store" / (".staging-other-" + std::to_string(::getppid()));
  fs::create_directories(dead / "symbol-abi");
  fs::create_directories(alive);
  fs::path mine = store.staging_folder("genode");
  EXPECT_FALSE(fs::exists(dead));
  EXPECT_TRUE(fs::exists(alive));
  EXPECT_TRUE(fs::is_directory(mine));
  EXPECT_TRUE(fs::is_empty(mine));
  EXPECT_EQ(mine.parent_path(), base_ / "store");
}

TEST_F(StoreTest, AFailedImportLeavesTheStoreAsItWas) {
  Store store = Store::open(base_ / "store");
  Sysroot before = import(store);
  Sysroot beside = import(store, false, "beside"); // two sysroots: their files are shared
  auto shared_files = [&] {
    std::vector<std::string> names;
    for (const auto& entry : fs::recursive_directory_iterator(base_ / "store/sysroots/.files"))
      names.push_back(entry.path().string());
    std::sort(names.begin(), names.end());
    return names;
  };
  std::vector<std::string> shared_before = shared_files();
  EXPECT_FALSE(shared_before.empty());
  fs::create_symlink("../../../../../outside", base_ / "media/usr/include/evil");
  EXPECT_THROW(import(store, true), Error);
  EXPECT_EQ(shared_files(), shared_before);
  std::optional<Sysroot> after = store.find(before.name);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->manifest.imported_at, before.manifest.imported_at);
  std::vector<std::string> entries;
  for (const auto& entry : fs::directory_iterator(base_ / "store/sysroots"))
    entries.push_back(entry.path().filename().string());
  std::sort(entries.begin(), entries.end());
  EXPECT_EQ(entries,
            (std::vector<std::string>{".beside.lock", ".files", ".x86_64-unknown-freebsd.lock",
                                      "beside", before.name}));
}

TEST_F(StoreTest, FilesAreSharedOnceASysrootHasAnother) {
  Store store = Store::open(base_ / "store");
  Sysroot alone = import(store);
  EXPECT_FALSE(fs::exists(base_ / "store/sysroots/.files")) << "a sysroot alone shares nothing";
  EXPECT_FALSE(fs::exists(alone.dir / "shared"));
  Sysroot beside = import(store, false, "beside");
  EXPECT_TRUE(fs::exists(alone.dir / "shared"));
  EXPECT_TRUE(fs::exists(beside.dir / "shared"));
  std::size_t files = 0;
  for (const FileRecord& f : beside.manifest.files) {
    if (f.kind != MemberKind::file)
      continue;
    ++files;
    struct stat a {
    }, b{};
    ASSERT_EQ(::lstat((alone.root / f.path).c_str(), &a), 0) << f.path;
    ASSERT_EQ(::lstat((beside.root / f.path).c_str(), &b), 0) << f.path;
    EXPECT_EQ(a.st_ino, b.st_ino) << f.path << " is not one copy";
    EXPECT_EQ(b.st_nlink, 3u) << f.path; // the two sysroots and the area
  }
  EXPECT_GT(files, 0u);
  store.remove("beside");
  EXPECT_TRUE(store.verify(alone.name).ok());
  store.remove(alone.name);
  EXPECT_FALSE(fs::exists(base_ / "store/sysroots/.files"));
}

TEST_F(StoreTest, NamesMustBeFolderNames) {
  EXPECT_THROW(check_sysroot_name("../x"), UsageError);
  EXPECT_THROW(check_sysroot_name(".hidden"), UsageError);
  EXPECT_THROW(check_sysroot_name(""), UsageError);
  EXPECT_NO_THROW(check_sysroot_name("aarch64-linux-gnu_12+x.y"));
}

TEST(Store, DefaultTotalLimitIsARatioOfTheMedia) {
  constexpr uint64_t MiB = uint64_t{1} << 20;
  // A 580 KB bomb: the floor, 256 MiB, not the 3 GB it claims.
  EXPECT_EQ(default_total_limit(580 * 1024), 256 * MiB);
  // FreeBSD's base.txz (60 MB) may become 64 times that.
  EXPECT_EQ(default_total_limit(60 * MiB), 64 * 60 * MiB);
  EXPECT_EQ(default_total_limit(UINT64_MAX / 2), UINT64_MAX);
}

TEST(Store, FreeSpaceKeepsAReserveOfFivePercentAtMost256MiB) {
  constexpr uint64_t MiB = uint64_t{1} << 20, GiB = uint64_t{1} << 30;
  // A large disk: 256 MiB kept free, not 5% of 4 TiB.
  EXPECT_EQ(free_space_of("/s", 2 * GiB, 4096 * GiB).usable(), 2 * GiB - 256 * MiB);
  // A 64 MiB tmpfs with 60 MiB free: 5% of it kept, the rest usable; a tiny import fits.
  FreeSpace small = free_space_of("/s", 60 * MiB, 64 * MiB);
  EXPECT_EQ(small.reserve, 64 * MiB / 20);
  EXPECT_EQ(small.usable(), 60 * MiB - 64 * MiB / 20);
  // Less free than the reserve: nothing may be written.
  EXPECT_EQ(free_space_of("/s", 100 * MiB, 20 * GiB).usable(), 0u);
}

} // namespace
} // namespace xport::sysroot
