#include <gtest/gtest.h>

#include "run/qemu_prefix.hpp"
#include "test_folder.hpp"
#include "util/error.hpp"

namespace xport::run {
namespace {
using testing::TestFolder;

TEST(QemuLibraries, ASysrootInTheTargetsOwnLayoutIsItsOwnPrefix) {
  TestFolder t;
  t.file("root/lib/ld-linux-aarch64.so.1", "ld");
  sysroot::Layout layout;
  layout.library_dirs = {"lib", "usr/lib", "usr/lib/aarch64-linux-gnu", "usr/local/lib"};
  QemuLibraries libs = qemu_libraries(t.path() / "root", layout, "/lib/ld-linux-aarch64.so.1");
  EXPECT_EQ(libs.prefix, t.path() / "root");
  // Only the folder the loader would not search by itself.
  EXPECT_EQ(libs.guest_libs, (std::vector<std::string>{"/usr/local/lib"}));
}

TEST(QemuLibraries, DebianCrossLayoutUsesItsRuntimeRootAndDropsLinkTimeFolders) {
  TestFolder t;
  t.file("root/usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1", "ld");
  sysroot::Layout layout;
  layout.runtime_root = "usr/aarch64-linux-gnu";
  layout.library_dirs = {"usr/lib/gcc-cross/aarch64-linux-gnu/12", "usr/aarch64-linux-gnu/lib"};
  QemuLibraries libs = qemu_libraries(t.path() / "root", layout, "/lib/ld-linux-aarch64.so.1");
  EXPECT_EQ(libs.prefix, t.path() / "root/usr/aarch64-linux-gnu");
  EXPECT_TRUE(libs.guest_libs.empty());
}

TEST(QemuLibraries, LibrariesStagedOutsideTheRuntimeRootAreGivenByTheirHostPath) {
  TestFolder t;
  t.file("root/usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1", "ld");
  t.file("root/usr/lib/libz.so.1", "z");
  t.file("root/usr/lib/gcc-cross/aarch64-linux-gnu/12/libgcc_s.so", "link only");
  t.file("root/usr/local/lib/libstatic.a", "static only");
  sysroot::Layout layout;
  layout.runtime_root = "usr/aarch64-linux-gnu";
  layout.gcc_dir = "usr/lib/gcc-cross/aarch64-linux-gnu/12";
  layout.library_dirs = {layout.gcc_dir, "usr/aarch64-linux-gnu/lib", "usr/lib", "usr/local/lib"};
  QemuLibraries libs = qemu_libraries(t.path() / "root", layout, "/lib/ld-linux-aarch64.so.1");
  EXPECT_EQ(libs.guest_libs, (std::vector<std::string>{(t.path() / "root/usr/lib").string()}));
  EXPECT_EQ(libs.host_dirs, libs.guest_libs);
}

TEST(QemuLibraries, HostDirsNameGuestFoldersInsideTheSysroot) {
  TestFolder t;
  sysroot::Layout layout;
  layout.library_dirs = {"lib", "opt/lib"};
  QemuLibraries libs = qemu_libraries(t.path() / "root", layout, "");
  EXPECT_EQ(libs.guest_libs, (std::vector<std::string>{"/opt/lib"}));
  EXPECT_EQ(libs.host_dirs, (std::vector<std::string>{(t.path() / "root/opt/lib").string()}));
}

TEST(QemuLibraries, AMissingInterpreterNamesTheSysrootAndTheRemedy) {
  TestFolder t;
  t.file("root/usr/include/stdio.h");
  try {
    (void)qemu_libraries(t.path() / "root", {}, "/lib/ld-linux-aarch64.so.1");
    FAIL();
  } catch (const Error& e) {
    std::string m = e.what();
    EXPECT_NE(m.find((t.path() / "root").string()), std::string::npos) << m;
    EXPECT_NE(m.find("/lib/ld-linux-aarch64.so.1"), std::string::npos) << m;
    EXPECT_NE(m.find("-static"), std::string::npos) << m;
  }
}

TEST(QemuLibraries, AStaticProgramNeedsNoInterpreter) {
  TestFolder t;
  t.file("root/usr/include/stdio.h");
  EXPECT_EQ(qemu_libraries(t.path() / "root", {}, "").prefix, t.path() / "root");
}

} // namespace
} // namespace xport::run
