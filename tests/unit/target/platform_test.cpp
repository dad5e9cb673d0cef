#include <set>

#include <gtest/gtest.h>

#include "load_helpers.hpp"
#include "target/catalog.hpp"
#include "target/platform.hpp"

namespace xport::target {
namespace {

TEST(Platform, EveryArchitectureIsOneRowAndEverySpellingNamesOneRow) {
  std::set<std::string_view> seen;
  for (const ArchFacts& a : architectures()) {
    EXPECT_TRUE(seen.insert(a.name).second) << a.name;
    for (std::string_view alias : a.aliases)
      EXPECT_TRUE(seen.insert(alias).second) << alias << " names two architectures";
    EXPECT_EQ(arch_facts(a.name), &a);
    EXPECT_FALSE(a.qemu.empty() || a.multiarch.empty() || a.glibc_loader.empty()) << a.name;
  }
  EXPECT_EQ(canonical_arch("armv7l"), "arm");
  EXPECT_EQ(canonical_arch("arm64"), "aarch64");
  EXPECT_EQ(canonical_arch("amd64"), "x86_64");
  EXPECT_EQ(canonical_arch("mips64"), "mips64") << "unknown spellings stay as they are";
}

TEST(Platform, EveryElfMachineIsOneRow) {
  std::set<uint16_t> machines;
  for (const ArchFacts& a : architectures()) {
    EXPECT_TRUE(machines.insert(a.elf_machine).second)
        << a.name << ": ELF machine " << a.elf_machine << " has two rows";
    EXPECT_EQ(arch_of_elf_machine(a.elf_machine), &a) << a.name;
  }
  EXPECT_EQ(arch_of_elf_machine(2), nullptr) << "SPARC has no row";
}

// The thread-pointer scan decodes what xport has a decoder for (elf/mc_decoder.cpp): exactly the
// rows that name LLVM's architecture for their code.
TEST(Platform, TheDisassemblerIsNamedForTheArchitecturesTheScanDecodes) {
  std::set<std::string_view> decoded;
  for (const ArchFacts& a : architectures()) {
    const LlvmDisassembly& d = a.disassembly;
    if (d.arch.empty()) {
      EXPECT_TRUE(d.big_endian_arch.empty() && d.other_class_arch.empty() && d.thumb_arch.empty())
          << a.name << ": variants of no disassembler";
      continue;
    }
    decoded.insert(a.name);
    EXPECT_GE(d.min_step, 1u) << a.name;
    EXPECT_EQ(d.thumb_arch.empty(), d.thumb_big_endian_arch.empty()) << a.name;
  }
  EXPECT_EQ(decoded, (std::set<std::string_view>{"x86_64", "aarch64", "arm", "i686", "riscv64"}));
  EXPECT_EQ(arch_facts("i686")->disassembly.arch, "i386");
  EXPECT_EQ(arch_facts("riscv64")->disassembly.other_class_arch, "riscv32")
      << "RV32 code has the riscv64 row's ELF machine";
  EXPECT_EQ(arch_facts("arm")->disassembly.thumb_arch, "thumbv7");
}

TEST(Platform, RustcsSpellingOfTargetNames) {
  EXPECT_EQ(rustc_spelling("riscv64-unknown-linux-gnu"), "riscv64gc-unknown-linux-gnu");
  EXPECT_EQ(rustc_spelling("aarch64-unknown-linux-gnu"), "aarch64-unknown-linux-gnu");
  EXPECT_EQ(rustc_spelling("riscv64"), "riscv64");
  EXPECT_EQ(spelling_of_rustc_name("riscv64gc-unknown-linux-gnu"), "riscv64-unknown-linux-gnu");
  EXPECT_EQ(spelling_of_rustc_name("riscv64-unknown-linux-gnu"), "");
  EXPECT_EQ(spelling_of_rustc_name("x86_64-unknown-linux-gnu"), "");
}

TEST(Platform, ArmFloatAbiComesFromTheEnvironment) {
  Profile armhf;
  armhf.os = "linux";
  armhf.arch = "arm";
  armhf.env = "gnueabihf";
  EXPECT_EQ(debian_multiarch(armhf), "arm-linux-gnueabihf");
  EXPECT_EQ(linux_dynamic_linker(armhf), "/lib/ld-linux-armhf.so.3");
  Profile armel = armhf;
  armel.env = "gnueabi";
  EXPECT_EQ(debian_multiarch(armel), "arm-linux-gnueabi");
  EXPECT_EQ(linux_dynamic_linker(armel), "/lib/ld-linux.so.3");
  Profile musl = armhf;
  musl.env = "musleabihf";
  EXPECT_EQ(linux_dynamic_linker(musl), "/lib/ld-musl-armhf.so.1");
}

// Every built-in Linux profile's dynamic linker is the one the platform table (and so clang)
// knows for it; a profile that disagrees is either a typo or a missing row.
TEST(Platform, BuiltInLinuxProfilesAgreeWithTheTable) {
  Catalog catalog = testing::load_texts({});
  for (const std::string& name : catalog.names()) {
    Profile p = catalog.resolve(name).profile;
    if (p.os != "linux" || p.dynamic_linker.empty())
      continue;
    ASSERT_NE(arch_facts(p.arch), nullptr) << name << ": arch " << p.arch << " has no row";
    EXPECT_EQ(linux_dynamic_linker(p), p.dynamic_linker) << name;
    EXPECT_FALSE(debian_multiarch(p).empty()) << name;
  }
}

TEST(Platform, EveryOperatingSystemIsOneRow) {
  std::set<std::string_view> seen;
  for (const OsFacts& o : operating_systems()) {
    EXPECT_TRUE(seen.insert(o.name).second) << o.name;
    EXPECT_EQ(os_facts(o.name), &o);
    EXPECT_FALSE(o.cmake_system.empty() || o.meson_system.empty()) << o.name;
    // qemu-user emulates one kernel's system calls: only an OS whose programs that kernel runs.
    if (o.qemu_user) {
      EXPECT_EQ(o.kernel, "linux") << o.name;
    }
  }
  EXPECT_EQ(os_facts("plan9"), nullptr);
}

// Every built-in profile names an OS the table knows, and a BSD profile's program interpreter is
// the one its OS row (and so clang) uses.
TEST(Platform, BuiltInProfilesAgreeWithTheOperatingSystemTable) {
  Catalog catalog = testing::load_texts({});
  for (const std::string& name : catalog.names()) {
    Profile p = catalog.resolve(name).profile;
    const OsFacts* os = os_facts(p.os);
    ASSERT_NE(os, nullptr) << name << ": os " << p.os << " has no row";
    EXPECT_FALSE(program_kernel(p).empty()) << name;
    if (!os->dynamic_linker.empty() && !p.dynamic_linker.empty()) {
      EXPECT_EQ(os->dynamic_linker, p.dynamic_linker) << name;
    }
  }
}

TEST(Platform, TheKernelFieldOverridesTheOperatingSystems) {
  Profile p;
  p.os = "genode";
  EXPECT_EQ(program_kernel(p), "");
  p.kernel = "linux";
  EXPECT_EQ(program_kernel(p), "linux");
  p = Profile{};
  p.os = "freebsd";
  EXPECT_EQ(program_kernel(p), "freebsd");
}

} // namespace
} // namespace xport::target
