// What a sysroot takes from a medium by default, and what --all changes.
#include <gtest/gtest.h>

#include "sysroot/selection.hpp"

namespace xport::sysroot {
namespace {

target::Profile dragonfly() {
  target::Profile p;
  p.name = "x86_64-unknown-dragonfly";
  p.os = "dragonfly";
  p.arch = "x86_64";
  p.dynamic_linker = "/usr/libexec/ld-elf.so.2";
  p.include_dirs = {"usr/include"};
  p.library_dirs = {"usr/lib", "usr/lib/gcc80"};
  p.startfile_dirs = {"usr/lib", "usr/lib/gcc80"};
  return p;
}

TEST(Selection, TakesHeadersLibrariesStartFilesAndTheDynamicLinker) {
  Selection s(dragonfly(), false);
  for (const char* path :
       {"usr/include/stdio.h", "usr/include/sys/types.h", "usr/include/c++/8.0/vector",
        "usr/lib/crt1.o", "usr/lib/libc.a", "usr/lib/libc.so", "usr/lib/libc.so.8",
        "usr/lib/gcc80/crtbegin.o", "usr/lib/gcc80/libgcc.a", "lib/libc.so.8",
        "usr/libexec/ld-elf.so.2", "usr/lib/pkgconfig/zlib.pc", "usr/share/pkgconfig/x.pc"})
    EXPECT_TRUE(s.wants(path, MemberKind::file)) << path;
  EXPECT_TRUE(s.wants("usr/lib/libc.so", MemberKind::symlink));
}

TEST(Selection, LeavesTheRestOfAnOperatingSystem) {
  Selection s(dragonfly(), false);
  for (const char* path :
       {"boot/kernel/kernel", "usr/bin/cc", "bin/sh", "usr/share/misc/big.dat",
        "usr/lib/debug/libc.so.8.debug", "usr/lib/engines/x.so", "usr/libexec/other",
        "usr/lib/locale/C/LC_CTYPE", "etc/passwd", "usr/lib/gcc80/cc1plus"})
    EXPECT_FALSE(s.wants(path, MemberKind::file)) << path;
  EXPECT_FALSE(s.wants("usr/lib", MemberKind::directory));
}

TEST(Selection, KnowsDebianMultiarchAndCrossLayouts) {
  target::Profile p;
  p.name = "aarch64-unknown-linux-gnu";
  p.os = "linux";
  p.dynamic_linker = "/lib/ld-linux-aarch64.so.1";
  Selection s(p, false);
  for (const char* path :
       {"usr/aarch64-linux-gnu/include/stdio.h", "usr/aarch64-linux-gnu/lib/libc.so.6",
        "usr/aarch64-linux-gnu/lib/crt1.o", "usr/lib/gcc-cross/aarch64-linux-gnu/12/crtbegin.o",
        "usr/lib/gcc-cross/aarch64-linux-gnu/12/libgcc.a",
        "usr/lib/gcc-cross/aarch64-linux-gnu/12/include/stddef.h",
        "usr/lib/aarch64-linux-gnu/libz.so.1", "usr/include/aarch64-linux-gnu/bits/types.h",
        "lib/aarch64-linux-gnu/libc.so.6", "lib/ld-linux-aarch64.so.1"})
    EXPECT_TRUE(s.wants(path, MemberKind::file)) << path;
  for (const char* path :
       {"usr/share/doc/libc6/copyright", "usr/lib/gcc-cross/aarch64-linux-gnu/12/cc1",
        "usr/aarch64-linux-gnu/bin/ldd"})
    EXPECT_FALSE(s.wants(path, MemberKind::file)) << path;
}

TEST(Selection, AllTakesEverything) {
  Selection s(dragonfly(), true);
  EXPECT_TRUE(s.wants("boot/kernel/kernel", MemberKind::file));
  EXPECT_TRUE(s.wants("usr/bin", MemberKind::directory));
}

TEST(Selection, LibraryLikeNames) {
  for (const char* name : {"libc.so", "libc.so.6", "libstdc++.so.6.0.30", "crt1.o", "libgcc.a",
                           "ld-elf.so.1", "libgomp.spec"})
    EXPECT_TRUE(is_library_like(name)) << name;
  for (const char* name : {"cc1", "README", ".so", "x.sox", "libc.sources"})
    EXPECT_FALSE(is_library_like(name)) << name;
}

} // namespace
} // namespace xport::sysroot
