#include <gtest/gtest.h>

#include "driver/clang_options.hpp"

namespace xport::driver {
namespace {

TEST(ClangOptions, TableIsSortedAndUnique) {
  auto table = clang_options();
  ASSERT_FALSE(table.empty());
  for (std::size_t i = 1; i < table.size(); ++i)
    EXPECT_LT(table[i - 1].name, table[i].name) << "keep the option table sorted by name";
}

TEST(ClangOptions, ExactMatch) {
  auto m = find_clang_option("-c");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->option->name, "-c");
  EXPECT_FALSE(m->joined);
  EXPECT_TRUE(m->option->flags & stops_after_assemble);
}

TEST(ClangOptions, JoinedFormsMatchTheLongestName) {
  auto m = find_clang_option("-isystem/usr/include");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->option->name, "-isystem");
  EXPECT_TRUE(m->joined);
  auto wl = find_clang_option("-Wl,--as-needed");
  ASSERT_TRUE(wl);
  EXPECT_EQ(wl->option->name, "-Wl,");
  auto sysroot = find_clang_option("--sysroot=/x");
  ASSERT_TRUE(sysroot);
  EXPECT_EQ(sysroot->option->aspect, Aspect::sysroot);
  auto fuse = find_clang_option("-fuse-ld=bfd");
  ASSERT_TRUE(fuse);
  EXPECT_EQ(fuse->option->aspect, Aspect::linker);
}

TEST(ClangOptions, UnknownFlagsAreNotMatched) {
  EXPECT_FALSE(find_clang_option("-O2"));
  EXPECT_FALSE(find_clang_option("-Wall"));
  EXPECT_FALSE(find_clang_option("-emit-llvm")); // "-e" takes a separate argument only
  EXPECT_FALSE(find_clang_option("-rdynamic"));
}

} // namespace
} // namespace xport::driver
