// Layout detection on folders shaped like a BSD image, Debian's cross packages and multiarch.
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include <gtest/gtest.h>

#include "sysroot/layout.hpp"

namespace xport::sysroot {
namespace {

namespace fs = std::filesystem;

class LayoutTest : public ::testing::Test {
protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("xport-layout-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  void touch(const std::string& rel) {
    fs::create_directories((root_ / rel).parent_path());
    std::ofstream(root_ / rel) << "x";
  }
  fs::path root_;
};

target::Profile linux_profile(const char* arch) {
  target::Profile p;
  p.name = std::string(arch) + "-unknown-linux-gnu";
  p.llvm_triple = p.name;
  p.arch = arch;
  p.os = "linux";
  p.env = "gnu";
  p.dynamic_linker = "/lib/ld-linux-aarch64.so.1";
  return p;
}

TEST_F(LayoutTest, DebianCross) {
  touch("usr/aarch64-linux-gnu/include/stdio.h");
  touch("usr/aarch64-linux-gnu/include/c++/12/vector");
  touch("usr/aarch64-linux-gnu/include/c++/12/aarch64-linux-gnu/bits/c++config.h");
  touch("usr/aarch64-linux-gnu/lib/crt1.o");
  touch("usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1");
  touch("usr/lib/gcc-cross/aarch64-linux-gnu/9/crtbegin.o");
  touch("usr/lib/gcc-cross/aarch64-linux-gnu/12/crtbegin.o");
  Layout l = detect_layout(root_, linux_profile("aarch64"));
  EXPECT_EQ(l.kind, "debian-cross");
  EXPECT_EQ(l.triplet, "aarch64-linux-gnu");
  EXPECT_EQ(l.gcc_dir, "usr/lib/gcc-cross/aarch64-linux-gnu/12");
  EXPECT_EQ(l.include_dirs, std::vector<std::string>{"usr/aarch64-linux-gnu/include"});
  EXPECT_EQ(l.cxx_include_dirs,
            (std::vector<std::string>{"usr/aarch64-linux-gnu/include/c++/12",
                                      "usr/aarch64-linux-gnu/include/c++/12/aarch64-linux-gnu"}));
  EXPECT_EQ(l.library_dirs, (std::vector<std::string>{"usr/lib/gcc-cross/aarch64-linux-gnu/12",
                                                      "usr/aarch64-linux-gnu/lib", "usr/lib"}));
  EXPECT_EQ(l.startfile_dirs, (std::vector<std::string>{"usr/lib/gcc-cross/aarch64-linux-gnu/12",
                                                        "usr/aarch64-linux-gnu/lib"}));
  EXPECT_EQ(l.dynamic_linker, "usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1");
  EXPECT_EQ(l.runtime_root, "usr/aarch64-linux-gnu");
}

// Debian's i386 cross packages use the GNU type (i686-linux-gnu), not the multiarch tuple (i386).
TEST_F(LayoutTest, DebianCrossI386UsesTheGnuType) {
  touch("usr/i686-linux-gnu/include/stdio.h");
  touch("usr/i686-linux-gnu/lib/crt1.o");
  touch("usr/i686-linux-gnu/lib/ld-linux.so.2");
  touch("usr/lib/gcc-cross/i686-linux-gnu/12/crtbegin.o");
  target::Profile p = linux_profile("i686");
  p.dynamic_linker = "/lib/ld-linux.so.2";
  Layout l = detect_layout(root_, p);
  EXPECT_EQ(l.kind, "debian-cross");
  EXPECT_EQ(l.triplet, "i686-linux-gnu");
  EXPECT_EQ(l.gcc_dir, "usr/lib/gcc-cross/i686-linux-gnu/12");
  EXPECT_EQ(l.dynamic_linker, "usr/i686-linux-gnu/lib/ld-linux.so.2");
  EXPECT_EQ(l.runtime_root, "usr/i686-linux-gnu");
}

TEST_F(LayoutTest, DebianMultiarch) {
  touch("usr/include/stdio.h");
  touch("usr/include/x86_64-linux-gnu/bits/types.h");
  touch("usr/lib/x86_64-linux-gnu/crt1.o");
  touch("usr/lib/gcc/x86_64-linux-gnu/12/libgcc.a");
  touch("lib/x86_64-linux-gnu/libc.so.6");
  target::Profile p = linux_profile("x86_64");
  p.dynamic_linker = "/lib64/ld-linux-x86-64.so.2";
  Layout l = detect_layout(root_, p);
  EXPECT_EQ(l.kind, "debian-multiarch");
  EXPECT_EQ(l.gcc_dir, "usr/lib/gcc/x86_64-linux-gnu/12");
  EXPECT_EQ(l.include_dirs,
            (std::vector<std::string>{"usr/include/x86_64-linux-gnu", "usr/include"}));
  EXPECT_EQ(l.library_dirs,
            (std::vector<std::string>{"usr/lib/gcc/x86_64-linux-gnu/12", "lib/x86_64-linux-gnu",
                                      "usr/lib/x86_64-linux-gnu", "lib", "usr/lib"}));
  EXPECT_EQ(l.dynamic_linker, "");
  EXPECT_EQ(l.runtime_root, "");
}

TEST_F(LayoutTest, PlainDragonFly) {
  touch("usr/include/stdio.h");
  touch("usr/lib/crt1.o");
  touch("usr/lib/gcc80/crtbegin.o");
  touch("usr/lib/gcc47/crtbegin.o");
  touch("usr/libexec/ld-elf.so.2");
  target::Profile p;
  p.name = "x86_64-unknown-dragonfly";
  p.os = "dragonfly";
  p.arch = "x86_64";
  p.dynamic_linker = "/usr/libexec/ld-elf.so.2";
  Layout l = detect_layout(root_, p);
  EXPECT_EQ(l.kind, "plain");
  EXPECT_EQ(l.triplet, "");
  EXPECT_EQ(l.gcc_dir, "usr/lib/gcc80");
  EXPECT_EQ(l.library_dirs, (std::vector<std::string>{"usr/lib/gcc80", "usr/lib"}));
  EXPECT_EQ(l.startfile_dirs, (std::vector<std::string>{"usr/lib/gcc80", "usr/lib"}));
  EXPECT_EQ(l.dynamic_linker, "usr/libexec/ld-elf.so.2");
}

TEST_F(LayoutTest, JsonRoundTrip) {
  touch("usr/include/stdio.h");
  Layout l = detect_layout(root_, linux_profile("aarch64"));
  Layout back = layout_from_json(to_json(l));
  EXPECT_EQ(to_json(back), to_json(l));
}

} // namespace
} // namespace xport::sysroot
