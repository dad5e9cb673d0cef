#include <algorithm>

#include <gtest/gtest.h>

#include "cli/command.hpp"

namespace xport::cli {
namespace {

TEST(Commands, TableIsSortedAndUnique) {
  auto table = commands();
  ASSERT_FALSE(table.empty());
  for (std::size_t i = 1; i < table.size(); ++i)
    EXPECT_LT(table[i - 1].name, table[i].name) << "keep the command table sorted by name";
}

TEST(Commands, EveryCommandHasASummary) {
  for (const Command& c : commands())
    EXPECT_FALSE(c.summary.empty()) << c.name;
}

// One delegation path: a heavy row has no function of its own in the table, and the full binary
// (which the unit tests are linked like) has one for it; a light row is the other way round.
TEST(Commands, HeavyRowsRunInTheFullBinaryAndLightRowsInBoth) {
  std::size_t heavy = 0;
  for (const Command& c : commands()) {
    if (c.heavy) {
      EXPECT_EQ(c.run, nullptr) << c.name;
      EXPECT_NE(heavy_command(c.name), nullptr) << c.name << " has no heavy function";
      ++heavy;
    } else {
      EXPECT_NE(c.run, nullptr) << c.name;
      EXPECT_EQ(heavy_command(c.name), nullptr) << c.name << " is light in the table";
    }
  }
  EXPECT_EQ(heavy, 6u) << "abi, cargo, check, inspect, rust, sysroot";
  EXPECT_EQ(heavy_command("no-such-command"), nullptr);
}

} // namespace
} // namespace xport::cli
