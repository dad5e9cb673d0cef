#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <gtest/gtest.h>

#include "cli/option_table.hpp"
#include "cli/target_options.hpp"
#include "util/error.hpp"

namespace xport::cli {
namespace {

struct Row {
  std::string name, alias;
  bool takes_value;
  bool operator==(const Row&) const = default;
};

std::vector<Row> rows(const OptionTable& table) {
  std::vector<Row> out;
  for (const util::OptionSpec& spec : table.specs())
    out.push_back({std::string(spec.name), std::string(spec.alias), spec.takes_value});
  return out;
}

TEST(OptionTable, DerivesEveryNamedOptionSortedWithItsAliasAndWhetherItTakesAValue) {
  CLI::App app;
  TargetOptions target;
  std::string text;
  std::optional<std::string> maybe;
  std::vector<std::string> many;
  bool flag = false;
  app.add_option("WORD", text, "a positional: never an option row");
  add_target_options(app, target);
  app.add_option("--sysroot", text);
  app.add_option("--runner", maybe);
  app.add_option("--max-version", many);
  app.add_flag("--print-command", flag);
  EXPECT_EQ(rows(OptionTable(app)), (std::vector<Row>{{"--help", "-h", false},
                                                      {"--max-version", "", true},
                                                      {"--print-command", "", false},
                                                      {"--profile", "", true},
                                                      {"--runner", "", true},
                                                      {"--sysroot", "", true},
                                                      {"--target", "-t", true}}));
}

TEST(OptionTable, RowsStayValidWhenTheTableIsMoved) {
  CLI::App app;
  std::string text;
  app.add_option("-s,--a-name-longer-than-any-small-string-buffer", text);
  app.add_option("--x", text);
  OptionTable first(app);
  OptionTable moved(std::move(first));
  ASSERT_EQ(moved.specs().size(), 3u);
  EXPECT_EQ(moved.specs()[0].name, "--a-name-longer-than-any-small-string-buffer");
  EXPECT_EQ(moved.specs()[0].alias, "-s");
  EXPECT_EQ(moved.specs()[2].name, "--x");
}

TEST(OptionTable, AnUnknownOptionBeforeTheCommandSuggestsTheAppsOwn) {
  CLI::App app;
  TargetOptions target;
  add_target_options(app, target);
  OptionTable table(app);
  std::vector<std::string> args = {"--tagret", "x", "prog"};
  try {
    util::split_leading_options(args, table.specs(), util::UnknownOption::is_an_error, "xport run");
    FAIL() << "an unknown option was accepted";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("(did you mean '--target'?)"), std::string::npos)
        << e.what();
  }
}

TEST(OptionTable, OptionWordsKeepValuesThatLookLikeOptions) {
  CLI::App app;
  TargetOptions target;
  bool flag = false;
  add_target_options(app, target);
  app.add_flag("--json", flag);
  OptionTable table(app);
  std::vector<std::string> args = {"-t", "a", "--json", "--profile", "-odd", "prog", "--json"};
  util::LeadingOptions given = util::split_leading_options(
      args, table.specs(), util::UnknownOption::is_an_error, "xport run");
  EXPECT_EQ(option_words(given, table),
            (std::vector<std::string>{"--target=a", "--json", "--profile=-odd"}));
  EXPECT_EQ(given.rest, (std::vector<std::string>{"prog", "--json"}));
}

} // namespace
} // namespace xport::cli
