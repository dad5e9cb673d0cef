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

} // namespace
} // namespace xport::cli
