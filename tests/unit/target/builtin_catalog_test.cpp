// Every built-in target resolves and carries the facts the later parts rely on: table-driven, one
// row per target, values from the platforms' documentation and clang's driver.
#include <gtest/gtest.h>

#include "target/catalog.hpp"
#include "target/diagnostic.hpp"
#include "target/platform.hpp"

namespace xport::target {
namespace {

struct Expected {
  std::string_view name;
  std::string_view llvm_triple;
  std::string_view arch;
  std::string_view os;
  int pointer_width;
  std::string_view dynamic_linker;
  ThreadPointer thread_pointer;
  TlsModel tls_model;
  std::string_view abi_note; // "" = none
  std::string_view qemu;
  std::string_view rust_base;
  Endian endian = Endian::little;
};

constexpr Expected expected[] = {
    {"x86_64-unknown-linux-gnu", "x86_64-unknown-linux-gnu", "x86_64", "linux", 64,
     "/lib64/ld-linux-x86-64.so.2", ThreadPointer::fs, TlsModel::native, "GNU", "x86_64",
     "x86_64-unknown-linux-gnu"},
    {"aarch64-unknown-linux-gnu", "aarch64-unknown-linux-gnu", "aarch64", "linux", 64,
     "/lib/ld-linux-aarch64.so.1", ThreadPointer::tpidr_el0, TlsModel::native, "GNU", "aarch64",
     "aarch64-unknown-linux-gnu"},
    {"riscv64-unknown-linux-gnu", "riscv64-unknown-linux-gnu", "riscv64", "linux", 64,
     "/lib/ld-linux-riscv64-lp64d.so.1", ThreadPointer::tp, TlsModel::native, "GNU", "riscv64",
     "riscv64gc-unknown-linux-gnu"},
    {"armv7-unknown-linux-gnueabihf", "armv7-unknown-linux-gnueabihf", "arm", "linux", 32,
     "/lib/ld-linux-armhf.so.3", ThreadPointer::tpidruro, TlsModel::native, "GNU", "arm",
     "armv7-unknown-linux-gnueabihf"},
    {"i686-unknown-linux-gnu", "i686-unknown-linux-gnu", "i686", "linux", 32, "/lib/ld-linux.so.2",
     ThreadPointer::gs, TlsModel::native, "GNU", "i386", "i686-unknown-linux-gnu"},
    {"s390x-unknown-linux-gnu", "s390x-unknown-linux-gnu", "s390x", "linux", 64, "/lib/ld64.so.1",
     ThreadPointer::a0, TlsModel::native, "GNU", "s390x", "s390x-unknown-linux-gnu", Endian::big},
    {"powerpc64le-unknown-linux-gnu", "powerpc64le-unknown-linux-gnu", "powerpc64le", "linux", 64,
     "/lib64/ld64.so.2", ThreadPointer::r13, TlsModel::native, "GNU", "ppc64le",
     "powerpc64le-unknown-linux-gnu"},
    {"x86_64-unknown-linux-musl", "x86_64-unknown-linux-musl", "x86_64", "linux", 64,
     "/lib/ld-musl-x86_64.so.1", ThreadPointer::fs, TlsModel::native, "", "x86_64",
     "x86_64-unknown-linux-musl"},
    {"aarch64-unknown-linux-musl", "aarch64-unknown-linux-musl", "aarch64", "linux", 64,
     "/lib/ld-musl-aarch64.so.1", ThreadPointer::tpidr_el0, TlsModel::native, "", "aarch64",
     "aarch64-unknown-linux-musl"},
    {"x86_64-unknown-freebsd", "x86_64-unknown-freebsd", "x86_64", "freebsd", 64,
     "/libexec/ld-elf.so.1", ThreadPointer::fs, TlsModel::native, "FreeBSD", "",
     "x86_64-unknown-freebsd"},
    {"aarch64-unknown-freebsd", "aarch64-unknown-freebsd", "aarch64", "freebsd", 64,
     "/libexec/ld-elf.so.1", ThreadPointer::tpidr_el0, TlsModel::native, "FreeBSD", "",
     "aarch64-unknown-freebsd"},
    {"x86_64-unknown-dragonfly", "x86_64-pc-dragonfly-elf", "x86_64", "dragonfly", 64,
     "/usr/libexec/ld-elf.so.2", ThreadPointer::fs, TlsModel::native, "DragonFly", "",
     "x86_64-unknown-dragonfly"},
    {"x86_64-unknown-netbsd", "x86_64-unknown-netbsd", "x86_64", "netbsd", 64,
     "/usr/libexec/ld.elf_so", ThreadPointer::fs, TlsModel::native, "NetBSD", "",
     "x86_64-unknown-netbsd"},
    {"x86_64-unknown-openbsd", "x86_64-unknown-openbsd", "x86_64", "openbsd", 64,
     "/usr/libexec/ld.so", ThreadPointer::fs, TlsModel::emulated, "OpenBSD", "",
     "x86_64-unknown-openbsd"},
    {"x86_64-unknown-genode", "x86_64-unknown-freebsd", "x86_64", "freebsd", 64,
     "/libexec/ld-elf.so.1", ThreadPointer::fs, TlsModel::emulated, "FreeBSD", "",
     "x86_64-unknown-freebsd"},
};

class BuiltinTarget : public ::testing::TestWithParam<Expected> {
protected:
  static const Catalog& catalog() {
    static const Catalog c = [] {
      SearchOptions options;
      options.user_dirs = false;
      return Catalog::load(options);
    }();
    return c;
  }
};

TEST_P(BuiltinTarget, ResolvesWithItsFacts) {
  const Expected& e = GetParam();
  ResolvedProfile r = catalog().resolve(e.name);
  const Profile& p = r.profile;
  EXPECT_FALSE(r.abstract);
  EXPECT_EQ(p.name, e.name);
  EXPECT_FALSE(p.description.empty());
  EXPECT_EQ(p.llvm_triple, e.llvm_triple);
  EXPECT_EQ(p.arch, e.arch);
  EXPECT_EQ(p.os, e.os);
  EXPECT_EQ(p.pointer_width, e.pointer_width);
  EXPECT_EQ(p.endian, e.endian);
  EXPECT_EQ(p.dynamic_linker, e.dynamic_linker);
  EXPECT_EQ(p.thread_pointer, e.thread_pointer);
  EXPECT_EQ(p.tls_model, e.tls_model);
  EXPECT_EQ(p.qemu, e.qemu);
  ASSERT_TRUE(p.rust.has_value());
  EXPECT_EQ(p.rust->base, e.rust_base);
  if (e.abi_note.empty()) {
    EXPECT_FALSE(p.abi_note.has_value());
  } else {
    ASSERT_TRUE(p.abi_note.has_value());
    EXPECT_EQ(p.abi_note->name, e.abi_note);
    EXPECT_EQ(p.abi_note->type, 1u);
    EXPECT_NE(p.abi_note->encoding, NoteVersionEncoding::none);
  }
  // Every target links dynamic, PIE, static and shared programs, each with its own start files.
  for (LinkMode mode : {LinkMode::dynamic, LinkMode::pie, LinkMode::static_, LinkMode::shared}) {
    ASSERT_TRUE(p.start_files.contains(mode)) << to_string(mode);
    EXPECT_FALSE(p.start_files.at(mode).begin.empty()) << to_string(mode);
    EXPECT_FALSE(p.start_files.at(mode).end.empty()) << to_string(mode);
  }
  EXPECT_TRUE(p.start_files.at(LinkMode::shared).begin.front().find("crt1") == std::string::npos)
      << "a shared library has no program entry point";
  EXPECT_FALSE(p.include_dirs.empty());
  EXPECT_FALSE(p.library_dirs.empty());
  EXPECT_FALSE(p.startfile_dirs.empty());
  EXPECT_FALSE(p.default_libs.empty());
  EXPECT_EQ(p.default_libs.front(), "c");
  // Every field that ended up set names the file, line and column that set it.
  for (const auto& [key, value] : r.fields) {
    ASSERT_TRUE(r.origins.contains(key)) << key;
    EXPECT_TRUE(r.origins.at(key).file.starts_with("targets/")) << key;
    EXPECT_GT(r.origins.at(key).line, 0) << key;
  }
}

INSTANTIATE_TEST_SUITE_P(Catalog, BuiltinTarget, ::testing::ValuesIn(expected),
                         [](const auto& info) {
                           std::string name(info.param.name);
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(BuiltinCatalog, ListsExactlyTheTableAboveAsUsableTargets) {
  SearchOptions options;
  options.user_dirs = false;
  std::vector<std::string> names = Catalog::load(options).names();
  std::vector<std::string> want;
  for (const Expected& e : expected)
    want.emplace_back(e.name);
  std::sort(want.begin(), want.end());
  EXPECT_EQ(names, want);
}

// A built-in target whose Rust spec starts from a rustc target of its own name, spelled as rustc
// spells it, answers to that name; the others (Genode derives from FreeBSD's) do not.
TEST(BuiltinCatalog, TargetsAnswerToRustcsNames) {
  SearchOptions options;
  options.user_dirs = false;
  Catalog catalog = Catalog::load(options);
  int counterparts = 0;
  for (const Expected& e : expected) {
    std::string rustc = rustc_spelling(e.name);
    if (rustc != e.rust_base)
      continue;
    ++counterparts;
    ASSERT_TRUE(catalog.contains(rustc)) << rustc;
    EXPECT_EQ(catalog.resolve(rustc).profile.name, e.name);
  }
  EXPECT_GE(counterparts, 13);
  EXPECT_EQ(catalog.resolve("riscv64gc-unknown-linux-gnu").profile.name,
            "riscv64-unknown-linux-gnu");
  EXPECT_EQ(catalog.catalog_name("riscv64gc-unknown-linux-gnu"), "riscv64-unknown-linux-gnu");
  EXPECT_EQ(catalog.catalog_name("riscv64gc-unknown-freebsd"), "");
  EXPECT_THROW(catalog.resolve("riscv64gc-unknown-nothing"), UnknownTarget);
}

TEST(BuiltinCatalog, DragonFlySearchesGcc80ForStartFilesAndLibraries) {
  SearchOptions options;
  options.user_dirs = false;
  Profile p = Catalog::load(options).resolve("x86_64-unknown-dragonfly").profile;
  EXPECT_NE(std::find(p.library_dirs.begin(), p.library_dirs.end(), "usr/lib/gcc80"),
            p.library_dirs.end());
  EXPECT_NE(std::find(p.startfile_dirs.begin(), p.startfile_dirs.end(), "usr/lib/gcc80"),
            p.startfile_dirs.end());
  EXPECT_EQ(p.abi_note->encoding, NoteVersionEncoding::dragonfly);
}

TEST(BuiltinCatalog, BsdCxxLibraryAndLinuxPieDefaults) {
  SearchOptions options;
  options.user_dirs = false;
  Catalog c = Catalog::load(options);
  EXPECT_EQ(c.resolve("x86_64-unknown-freebsd").profile.cxx_stdlib, CxxStdlib::libcxx);
  EXPECT_EQ(c.resolve("x86_64-unknown-openbsd").profile.cxx_stdlib, CxxStdlib::libcxx);
  EXPECT_EQ(c.resolve("x86_64-unknown-linux-gnu").profile.cxx_stdlib, CxxStdlib::libstdcxx);
  EXPECT_TRUE(c.resolve("x86_64-unknown-linux-musl").profile.pie_default);
  EXPECT_TRUE(c.resolve("x86_64-unknown-openbsd").profile.pie_default);
  EXPECT_EQ(c.resolve("x86_64-unknown-openbsd").profile.runtime_library,
            RuntimeLibrary::compiler_rt);
}

TEST(BuiltinCatalog, Riscv64AndS390xNeedANewerLldThanDebian12sDefault) {
  SearchOptions options;
  options.user_dirs = false;
  Catalog c = Catalog::load(options);
  ResolvedProfile riscv = c.resolve("riscv64-unknown-linux-gnu");
  EXPECT_EQ(riscv.profile.min_lld.version, 15);
  EXPECT_NE(riscv.profile.min_lld.reason.find("R_RISCV_ALIGN"), std::string::npos);
  EXPECT_EQ(riscv.origins.at("min-lld.version").file, "targets/riscv64-unknown-linux-gnu.toml");
  EXPECT_EQ(riscv.profile.min_clang.version, 0);
  Profile s390x = c.resolve("s390x-unknown-linux-gnu").profile;
  EXPECT_EQ(s390x.min_lld.version, 18);
  EXPECT_NE(s390x.min_lld.reason.find("SystemZ"), std::string::npos);
  // No other built-in target asks for a version.
  for (const std::string& name : c.names()) {
    if (name == "riscv64-unknown-linux-gnu" || name == "s390x-unknown-linux-gnu")
      continue;
    EXPECT_EQ(c.resolve(name).profile.min_lld.version, 0) << name;
    EXPECT_EQ(c.resolve(name).profile.min_clang.version, 0) << name;
  }
}

TEST(BuiltinCatalog, GenodeIsFreeBsdExceptForEmulatedTls) {
  SearchOptions options;
  options.user_dirs = false;
  Catalog c = Catalog::load(options);
  Profile freebsd = c.resolve("x86_64-unknown-freebsd").profile;
  Profile genode = c.resolve("x86_64-unknown-genode").profile;
  EXPECT_EQ(genode.inherits_chain,
            (std::vector<std::string>{"x86_64-unknown-genode", "x86_64-unknown-freebsd",
                                      "freebsd-base"}));
  EXPECT_EQ(freebsd.tls_model, TlsModel::native);
  EXPECT_EQ(genode.tls_model, TlsModel::emulated);
  EXPECT_EQ(genode.loader_relocations, freebsd.loader_relocations);
  ASSERT_TRUE(genode.rust.has_value());
  EXPECT_EQ(genode.rust->base, "x86_64-unknown-freebsd");
}

TEST(BuiltinCatalog, AbstractBasesResolveButAreNotListed) {
  SearchOptions options;
  options.user_dirs = false;
  Catalog c = Catalog::load(options);
  std::vector<std::string> all = c.names(true);
  EXPECT_NE(std::find(all.begin(), all.end(), "linux-gnu-base"), all.end());
  EXPECT_TRUE(c.resolve("linux-gnu-base").abstract);
  EXPECT_EQ(c.file_of("linux-gnu-base"), "targets/linux-gnu-base.toml");
}

} // namespace
} // namespace xport::target
