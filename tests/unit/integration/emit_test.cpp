#include <map>

#include <gtest/gtest.h>

#include "integration/emit.hpp"

namespace xport::integration {
namespace {

target::Profile aarch64() {
  target::Profile p;
  p.name = p.llvm_triple = "aarch64-unknown-linux-gnu";
  p.arch = "aarch64";
  p.os = "linux";
  p.env = "gnu";
  p.rust = target::RustSettings{};
  p.rust->base = "aarch64-unknown-linux-gnu";
  return p;
}

Inputs inputs(const target::Profile& p) {
  Inputs in;
  in.profile = &p;
  in.toolchain_dir = "/tc";
  sysroot::FoundSysroot s;
  s.root = "/s";
  s.layout.library_dirs = {"usr/aarch64-linux-gnu/lib", "usr/lib"};
  in.sysroot = s;
  return in;
}

bool contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

TEST(Integration, CMakeFindsNothingOnTheHost) {
  target::Profile p = aarch64();
  std::string file = emit_cmake(inputs(p));
  EXPECT_TRUE(contains(file, "set(CMAKE_SYSTEM_NAME Linux)"));
  EXPECT_TRUE(contains(file, "set(CMAKE_SYSTEM_PROCESSOR aarch64)"));
  EXPECT_TRUE(contains(file, "set(CMAKE_C_COMPILER \"/tc/aarch64-unknown-linux-gnu-cc\")"));
  EXPECT_TRUE(contains(file, "set(CMAKE_CXX_COMPILER \"/tc/aarch64-unknown-linux-gnu-c++\")"));
  EXPECT_TRUE(contains(file, "set(CMAKE_SYSROOT \"/s\")"));
  EXPECT_TRUE(contains(file, "set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)"));
  for (const char* kind : {"LIBRARY", "INCLUDE", "PACKAGE"})
    EXPECT_TRUE(contains(file, std::string("set(CMAKE_FIND_ROOT_PATH_MODE_") + kind + " ONLY)"));
  EXPECT_FALSE(contains(file, "CMAKE_CROSSCOMPILING_EMULATOR"));
}

TEST(Integration, CMakeSearchesTheLayoutsFolders) {
  target::Profile p = aarch64();
  Inputs in = inputs(p);
  in.sysroot->layout.kind = "debian-cross";
  in.sysroot->layout.triplet = "aarch64-linux-gnu";
  in.sysroot->layout.runtime_root = "usr/aarch64-linux-gnu";
  in.sysroot->layout.include_dirs = {"usr/aarch64-linux-gnu/include", "usr/include"};
  in.staging_dir = "/store/staging/aarch64-unknown-linux-gnu";
  std::string file = emit_cmake(in);
  EXPECT_TRUE(contains(file, "set(CMAKE_FIND_ROOT_PATH \"/s;/s/usr/aarch64-linux-gnu;"
                             "/store/staging/aarch64-unknown-linux-gnu\")"))
      << file;
  EXPECT_TRUE(contains(file, "set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)"));
  EXPECT_TRUE(contains(file, "list(PREPEND CMAKE_SYSTEM_LIBRARY_PATH "
                             "\"/usr/aarch64-linux-gnu/lib;/usr/lib\")"));
  EXPECT_TRUE(contains(file, "list(PREPEND CMAKE_SYSTEM_INCLUDE_PATH "
                             "\"/usr/aarch64-linux-gnu/include;/usr/include\")"));
  EXPECT_TRUE(contains(file,
                       "set(CMAKE_INSTALL_PREFIX \"/store/staging/aarch64-unknown-linux-gnu\" "
                       "CACHE PATH"));
  std::string meson = emit_meson(in);
  EXPECT_TRUE(contains(meson, "[built-in options]\n"));
  EXPECT_TRUE(
      contains(meson, "prefix = '/store/staging/aarch64-unknown-linux-gnu'\nlibdir = 'lib'"));
}

TEST(Integration, RunnerGoesWhereEachToolExpectsIt) {
  target::Profile p = aarch64();
  Inputs in = inputs(p);
  in.runner = {"/usr/bin/xport", "run", "--target", "aarch64-unknown-linux-gnu", "--"};
  EXPECT_TRUE(
      contains(emit_cmake(in), "set(CMAKE_CROSSCOMPILING_EMULATOR \"/usr/bin/xport\" \"run\" "));
  EXPECT_TRUE(contains(emit_meson(in), "exe_wrapper = ['/usr/bin/xport', 'run'"));
  EXPECT_TRUE(contains(emit_cargo(in), "runner = [\"/usr/bin/xport\", \"run\""));
}

TEST(Integration, MesonAndCargo) {
  target::Profile p = aarch64();
  std::string meson = emit_meson(inputs(p));
  EXPECT_TRUE(contains(meson, "c = '/tc/aarch64-unknown-linux-gnu-cc'"));
  EXPECT_TRUE(contains(meson, "cpu_family = 'aarch64'"));
  EXPECT_TRUE(contains(meson, "sys_root = '/s'"));
  EXPECT_TRUE(contains(meson, "pkg_config_libdir = '/s/usr/aarch64-linux-gnu/lib/pkgconfig:"));
  std::string cargo = emit_cargo(inputs(p));
  EXPECT_TRUE(contains(cargo, "[target.aarch64-unknown-linux-gnu]"));
  EXPECT_TRUE(contains(cargo, "linker = \"/tc/aarch64-unknown-linux-gnu-cc\""));
}

TEST(Integration, EnvironmentNamesEveryTool) {
  target::Profile p = aarch64();
  auto vars = environment_variables(inputs(p));
  std::map<std::string, std::string> m(vars.begin(), vars.end());
  EXPECT_EQ(m.at("CC"), "/tc/aarch64-unknown-linux-gnu-cc");
  EXPECT_EQ(m.at("CXX"), "/tc/aarch64-unknown-linux-gnu-c++");
  EXPECT_EQ(m.at("AR"), "/tc/aarch64-unknown-linux-gnu-ar");
  EXPECT_EQ(m.at("PKG_CONFIG_SYSROOT_DIR"), "/s");
  EXPECT_EQ(m.at("CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER"), m.at("CC"));
  EXPECT_EQ(m.at("CC_aarch64_unknown_linux_gnu"), m.at("CC"));
  EXPECT_EQ(m.at("CROSS_COMPILE"), "/tc/aarch64-unknown-linux-gnu-");
  std::string libdir = m.at("PKG_CONFIG_LIBDIR");
  for (std::size_t start = 0; start < libdir.size();) {
    std::size_t colon = std::min(libdir.find(':', start), libdir.size());
    EXPECT_TRUE(libdir.substr(start, colon - start).starts_with("/s/")) << libdir;
    start = colon + 1;
  }
}

TEST(Integration, RustTargetIsTheProfileWhenItChangesWhatRustSees) {
  target::Profile p = aarch64();
  EXPECT_EQ(rust_target(p), "aarch64-unknown-linux-gnu");
  p.name = "x86_64-unknown-genode";
  p.rust->base = "x86_64-unknown-freebsd";
  p.rust->overrides = {{"tls-model", "emulated"}};
  EXPECT_EQ(rust_target(p), "x86_64-unknown-genode");
}

} // namespace
} // namespace xport::integration
