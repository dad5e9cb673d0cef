#include <gtest/gtest.h>

#include "driver/clang_defaults.hpp"
#include "sysroot/layout.hpp"
#include "target/catalog.hpp"

namespace xport::driver {
namespace {

target::Catalog builtin_catalog() {
  target::SearchOptions options;
  options.user_dirs = false;
  return target::Catalog::load(options);
}

// What clang searches (its multiarch tuple) and where Debian puts a sysroot's files (the layout's
// triplet) must be the same name for every built-in glibc profile: otherwise the driver believes
// clang misses the sysroot's GCC folder and the two disagree about the layout. The armv7 profile
// once got arm-linux-gnueabi from one table and arm-linux-gnueabihf from the other.
TEST(ClangDefaults, MultiarchEqualsTheDebianTripletForEveryGlibcProfile) {
  target::Catalog catalog = builtin_catalog();
  std::size_t checked = 0;
  for (const std::string& name : catalog.names()) {
    target::Profile p = catalog.resolve(name).profile;
    if (p.os != "linux" || !p.env.starts_with("gnu"))
      continue;
    EXPECT_EQ(clang_multiarch(p), sysroot::debian_triplet(p)) << name;
    EXPECT_EQ(clang_dynamic_linker(p), p.dynamic_linker) << name;
    ++checked;
  }
  EXPECT_GE(checked, 5u);
  target::Profile armv7 = catalog.resolve("armv7-unknown-linux-gnueabihf").profile;
  EXPECT_EQ(clang_multiarch(armv7), "arm-linux-gnueabihf");
  EXPECT_EQ(clang_dynamic_linker(armv7), "/lib/ld-linux-armhf.so.3");
}

} // namespace
} // namespace xport::driver
