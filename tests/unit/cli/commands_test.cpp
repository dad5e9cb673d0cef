#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

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

// The table's `heavy` column is the one list of heavy commands.
std::vector<std::string_view> heavy_rows() {
  std::vector<std::string_view> names;
  for (const Command& c : commands())
    if (c.heavy)
      names.push_back(c.name);
  return names;
}

// One delegation path: a heavy row has no function of its own in the table, and the full binary
// (which the unit tests are linked like) has one for it; a light row is the other way round.
TEST(Commands, HeavyRowsRunInTheFullBinaryAndLightRowsInBoth) {
  for (const Command& c : commands()) {
    if (c.heavy) {
      EXPECT_EQ(c.run, nullptr) << c.name;
      EXPECT_NE(heavy_command(c.name), nullptr) << c.name << " has no heavy function";
    } else {
      EXPECT_NE(c.run, nullptr) << c.name;
      EXPECT_EQ(heavy_command(c.name), nullptr) << c.name << " is light in the table";
    }
  }
  EXPECT_EQ(heavy_command("no-such-command"), nullptr);
}

// heavy_commands.cpp maps exactly the table's heavy rows: a name there that the table lacks, or
// marks light, would be a command the full binary runs and the front never hands it.
TEST(Commands, HeavyFunctionsAreTheTablesHeavyRows) {
  std::vector<std::string_view> mapped = heavy_command_names();
  std::sort(mapped.begin(), mapped.end());
  EXPECT_FALSE(heavy_rows().empty());
  EXPECT_EQ(mapped, heavy_rows()) << "heavy_commands.cpp's names (sorted) against the table's";
}

// The words of `set(XPORT_CLI_HEAVY ...)` in src/CMakeLists.txt.
std::set<std::string> cli_heavy_files() {
  std::ifstream in(std::string(XPORT_SOURCE_DIR) + "/src/CMakeLists.txt");
  std::stringstream text;
  text << in.rdbuf();
  std::string cmake = text.str();
  const std::string opening = "set(XPORT_CLI_HEAVY";
  std::size_t start = cmake.find(opening);
  if (start == std::string::npos)
    return {};
  start += opening.size();
  std::istringstream words(cmake.substr(start, cmake.find(')', start) - start));
  std::set<std::string> files;
  for (std::string word; words >> word;)
    files.insert(word);
  return files;
}

// A heavy row's file must be left out of the front (it reaches libarchive, nettle or LLVM): the
// build takes XPORT_CLI_HEAVY's files out of it, which are heavy_commands and each heavy row's
// <name>_command, no more and no less.
TEST(Commands, CliHeavyListsTheHeavyRowsFiles) {
  std::set<std::string> expected{"heavy_commands"};
  for (std::string_view name : heavy_rows()) {
    std::string file = std::string(name) + "_command";
    EXPECT_TRUE(
        std::filesystem::exists(std::string(XPORT_SOURCE_DIR) + "/src/cli/" + file + ".cpp"))
        << name << ": a heavy row's function lives in src/cli/" << file << ".cpp";
    expected.insert(file);
  }
  EXPECT_EQ(cli_heavy_files(), expected)
      << "XPORT_CLI_HEAVY in src/CMakeLists.txt must name heavy_commands and one <name>_command "
         "per heavy row of the command table";
}

} // namespace
} // namespace xport::cli
