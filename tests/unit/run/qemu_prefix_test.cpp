#include <gtest/gtest.h>

#include "run/qemu_prefix.hpp"
#include "test_folder.hpp"
#include "util/error.hpp"

namespace xport::run {
namespace {
namespace fs = std::filesystem;
using testing::TestFolder;

target::Profile aarch64_profile() {
  target::Profile p;
  p.name = "aarch64-unknown-linux-gnu";
  p.arch = "aarch64";
  p.os = "linux";
  p.dynamic_linker = "/lib/ld-linux-aarch64.so.1";
  p.library_dirs = {"lib", "usr/lib"};
  return p;
}

TEST(QemuLibraries, ASysrootInTheTargetsOwnLayoutIsItsOwnPrefix) {
  TestFolder t;
  t.file("root/lib/ld-linux-aarch64.so.1", "ld");
  QemuLibraries libs = qemu_libraries(t.path() / "root", aarch64_profile(), "", t.path() / "cache");
  EXPECT_EQ(libs.prefix, t.path() / "root");
  EXPECT_FALSE(fs::exists(t.path() / "cache"));
}

TEST(QemuLibraries, DebianCrossLayoutGetsAPrefixWithTheInterpreterLinkedIntoPlace) {
  TestFolder t;
  t.file("root/usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1", "ld");
  t.file("root/usr/aarch64-linux-gnu/lib/libc.so.6", "libc");
  t.file("root/lib/unrelated.txt", "kept");
  fs::path root = t.path() / "root", cache = t.path() / "cache";
  QemuLibraries libs = qemu_libraries(root, aarch64_profile(), "", cache);
  EXPECT_NE(libs.prefix, root);
  EXPECT_TRUE(libs.prefix.string().starts_with(cache.string()));
  // The guest's /lib/ld-linux-aarch64.so.1 and /usr/... resolve inside the prefix.
  EXPECT_TRUE(fs::exists(libs.prefix / "lib/ld-linux-aarch64.so.1"));
  EXPECT_TRUE(fs::exists(libs.prefix / "lib/unrelated.txt"));
  EXPECT_TRUE(fs::exists(libs.prefix / "usr/aarch64-linux-gnu/lib/libc.so.6"));
  EXPECT_NE(std::find(libs.guest_libs.begin(), libs.guest_libs.end(), "/usr/aarch64-linux-gnu/lib"),
            libs.guest_libs.end());
  // A second run reuses the prefix.
  EXPECT_EQ(qemu_libraries(root, aarch64_profile(), "", cache).prefix, libs.prefix);
}

TEST(QemuLibraries, AMissingInterpreterNamesTheSysrootAndTheRemedy) {
  TestFolder t;
  t.file("root/usr/include/stdio.h");
  try {
    (void)qemu_libraries(t.path() / "root", aarch64_profile(), "", t.path() / "cache");
    FAIL();
  } catch (const Error& e) {
    std::string m = e.what();
    EXPECT_NE(m.find((t.path() / "root").string()), std::string::npos) << m;
    EXPECT_NE(m.find("/lib/ld-linux-aarch64.so.1"), std::string::npos) << m;
    EXPECT_NE(m.find("-static"), std::string::npos) << m;
  }
}

} // namespace
} // namespace xport::run
