// Comparing resolved profiles: only differing fields, in schema order.
#include <gtest/gtest.h>

#include "load_helpers.hpp"
#include "target/diff.hpp"

namespace xport::target {
namespace {

std::vector<std::string> keys_of(const std::vector<FieldDifference>& differences) {
  std::vector<std::string> out;
  for (const auto& d : differences)
    out.push_back(d.key);
  return out;
}

// Genode compiles as FreeBSD except for its TLS model, and links against its own ABI.
TEST(Diff, GenodeIsFreeBsdExceptItsTlsModelPanicAndAbi) {
  Catalog c = testing::load_texts({});
  auto differences = diff(c.resolve("x86_64-unknown-freebsd"), c.resolve("x86_64-unknown-genode"));
  std::vector<std::string> keys = keys_of(differences);
  ASSERT_GT(keys.size(), 5u);
  EXPECT_EQ(std::vector<std::string>(keys.begin(), keys.begin() + 5),
            (std::vector<std::string>{"name", "description", "tls-model", "unavailable-symbols",
                                      "rust.panic"}));
  for (std::size_t i = 5; i < keys.size(); ++i)
    EXPECT_TRUE(keys[i].starts_with("symbol-abi.")) << keys[i];
  const FieldDifference& tls = differences[2];
  EXPECT_EQ(*tls.a, "native");
  EXPECT_EQ(*tls.b, "emulated");
  EXPECT_EQ(tls.b_origin->file, "targets/x86_64-unknown-genode.toml");
}

TEST(Diff, ListEditsShowTheEntriesOnlyOneSideHas) {
  Catalog c = testing::load_texts(
      {{"strict.toml", "name = \"genode-strict\"\ninherits = \"x86_64-unknown-genode\"\n"
                       "loader-relocations = { remove = [\"R_X86_64_NONE\"] }\n"}});
  auto differences = diff(c.resolve("x86_64-unknown-genode"), c.resolve("genode-strict"));
  ASSERT_EQ(keys_of(differences),
            (std::vector<std::string>{"name", "description", "loader-relocations"}));
}

TEST(Diff, AProfileEqualToItsBaseDiffersOnlyInItsName) {
  Catalog c = testing::load_texts(
      {{"u.toml", "name = \"copy\"\ninherits = \"x86_64-unknown-netbsd\"\n"
                  "description = \"NetBSD on x86_64\"\ntls-model = \"native\"\n"}});
  auto differences = diff(c.resolve("x86_64-unknown-netbsd"), c.resolve("copy"));
  EXPECT_EQ(keys_of(differences), std::vector<std::string>{"name"});
}

TEST(Diff, ShowOrderFollowsTheSchema) {
  Catalog c = testing::load_texts({});
  std::vector<std::string> keys = ordered_keys(c.resolve("x86_64-unknown-linux-gnu"));
  ASSERT_GE(keys.size(), 3u);
  EXPECT_EQ(keys[0], "name");
  EXPECT_EQ(keys[1], "description");
  EXPECT_EQ(keys[2], "llvm-triple");
  EXPECT_EQ(keys.back(), "media.packages");
}

} // namespace
} // namespace xport::target
