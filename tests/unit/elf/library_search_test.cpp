// LibrarySearch on folders made here: the order of RUNPATH, --lib-dir, named files and the
// sysroot's folders; $ORIGIN; absolute RUNPATH entries under the runtime root, then on this
// machine; candidates passed over when the judge refuses them.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "elf/library_search.hpp"

namespace xport::elf {
namespace {

namespace fs = std::filesystem;

fs::path test_dir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  fs::path dir = fs::path(XPORT_BINARY_DIR) / "unit-elf-search" / info->name();
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void touch(const fs::path& file) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << "x";
}

SysrootPlaces cross_sysroot(const fs::path& root) {
  touch(root / "usr/aarch64-linux-gnu/lib/libc.so.6");
  touch(root / "usr/lib/libz.so.1");
  return {root, "usr/aarch64-linux-gnu", {"usr/aarch64-linux-gnu/lib", "usr/lib"}, {}};
}

TEST(LibrarySearch, FindsInTheLayoutsFoldersInOrder) {
  fs::path dir = test_dir();
  LibrarySearch search(cross_sysroot(dir / "root"));
  EXPECT_EQ(search.find("libc.so.6", {}, {}, nullptr),
            dir / "root/usr/aarch64-linux-gnu/lib/libc.so.6");
  EXPECT_EQ(search.find("libz.so.1", {}, {}, nullptr), dir / "root/usr/lib/libz.so.1");
  EXPECT_FALSE(search.find("libm.so.6", {}, {}, nullptr));
  EXPECT_EQ(search.searched({}), "usr/aarch64-linux-gnu/lib, usr/lib");
}

TEST(LibrarySearch, AbsoluteRunPathIsUnderTheRuntimeRootThenOnThisMachine) {
  fs::path dir = test_dir();
  LibrarySearch search(cross_sysroot(dir / "root"));
  touch(dir / "root/usr/aarch64-linux-gnu/opt/lib/libinside.so");
  touch(dir / "build/lib/libtree.so.1");
  std::vector<SearchDir> run = search.run_path_dirs({"/opt/lib", (dir / "build/lib").string()}, "");
  EXPECT_EQ(search.find("libinside.so", run, {}, nullptr),
            dir / "root/usr/aarch64-linux-gnu/opt/lib/libinside.so");
  EXPECT_EQ(search.find("libtree.so.1", run, {}, nullptr), dir / "build/lib/libtree.so.1");
}

TEST(LibrarySearch, OriginIsTheFilesFolder) {
  fs::path dir = test_dir();
  LibrarySearch search(cross_sysroot(dir / "root"));
  touch(dir / "tree/lib/libgreet.so.1");
  std::vector<SearchDir> run = search.run_path_dirs({"$ORIGIN/../lib"}, dir / "tree/bin");
  EXPECT_EQ(search.find("libgreet.so.1", run, {}, nullptr), dir / "tree/lib/libgreet.so.1");
  // Without an origin, $ORIGIN entries name nothing.
  EXPECT_TRUE(search.run_path_dirs({"${ORIGIN}/lib"}, "").empty());
}

TEST(LibrarySearch, LibDirsThenNamedFilesThenTheSysroot) {
  fs::path dir = test_dir();
  touch(dir / "named/libz.so.1");
  touch(dir / "libdir/libz.so.1");
  LibrarySearch named(cross_sysroot(dir / "root"), {}, {{"libz.so.1", dir / "named/libz.so.1"}});
  EXPECT_EQ(named.find("libz.so.1", {}, {}, nullptr), dir / "named/libz.so.1");
  LibrarySearch both(cross_sysroot(dir / "root"), {dir / "libdir"},
                     {{"libz.so.1", dir / "named/libz.so.1"}});
  EXPECT_EQ(both.find("libz.so.1", {}, {}, nullptr), dir / "libdir/libz.so.1");
  EXPECT_EQ(both.searched({}),
            (dir / "libdir").string() + ", the files named, usr/aarch64-linux-gnu/lib, usr/lib");
}

TEST(LibrarySearch, RefusedCandidatesArePassedOverAndListed) {
  fs::path dir = test_dir();
  touch(dir / "libdir/libz.so.1");
  LibrarySearch search(cross_sysroot(dir / "root"), {dir / "libdir"});
  std::vector<fs::path> rejected;
  auto not_libdir = [&](const fs::path& p) { return p.parent_path() != dir / "libdir"; };
  EXPECT_EQ(search.find("libz.so.1", {}, not_libdir, &rejected), dir / "root/usr/lib/libz.so.1");
  ASSERT_EQ(rejected.size(), 1u);
  EXPECT_EQ(rejected[0], dir / "libdir/libz.so.1");
}

TEST(LibrarySearch, LinksInsideTheSysrootStayInside) {
  fs::path dir = test_dir();
  SysrootPlaces places = cross_sysroot(dir / "root");
  fs::create_symlink("/usr/aarch64-linux-gnu/lib/libc.so.6", dir / "root/usr/lib/libc.so.6");
  places.library_dirs = {"usr/lib"};
  LibrarySearch only_usr_lib(places);
  EXPECT_EQ(only_usr_lib.find("libc.so.6", {}, {}, nullptr),
            dir / "root/usr/aarch64-linux-gnu/lib/libc.so.6");
}

} // namespace
} // namespace xport::elf
