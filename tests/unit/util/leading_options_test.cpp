#include <gtest/gtest.h>

#include "util/error.hpp"
#include "util/leading_options.hpp"

namespace xport::util {
namespace {

using Words = std::vector<std::string>;

constexpr OptionSpec specs[] = {
    {"--print-command", "", false}, {"--profile", "", true}, {"--target", "-t", true}};

LeadingOptions split(const Words& words, UnknownOption unknown = UnknownOption::ends_options) {
  return split_leading_options(words, specs, unknown, "xport cc");
}

TEST(LeadingOptions, EverySpellingOfAnOptionReadsTheSame) {
  for (const Words& words :
       {Words{"--target", "T", "-O2"}, Words{"--target=T", "-O2"}, Words{"-t", "T", "-O2"}}) {
    LeadingOptions o = split(words);
    EXPECT_EQ(o.last("--target"), "T");
    EXPECT_EQ(o.rest, Words{"-O2"});
  }
}

TEST(LeadingOptions, TheFirstOtherWordAndEverythingAfterItAreTheOtherProgramsVerbatim) {
  LeadingOptions o = split({"--profile", "a.toml", "-t", "T", "hello.c", "--target", "U", "-t"});
  EXPECT_EQ(o.all("--profile"), Words{"a.toml"});
  EXPECT_EQ(o.last("--target"), "T");
  EXPECT_EQ(o.rest, (Words{"hello.c", "--target", "U", "-t"}));
  o = split({"-t", "T", "--", "--print-command", "x.c"});
  EXPECT_FALSE(o.has("--print-command"));
  EXPECT_EQ(o.rest, (Words{"--print-command", "x.c"}));
}

TEST(LeadingOptions, MistakesAreUsageErrorsThatSayWhatToDo) {
  EXPECT_THROW(split({"--target"}), UsageError);
  EXPECT_THROW(split({"--print-command=yes"}), UsageError);
  try {
    split({"--tagret", "T", "build"}, UnknownOption::is_an_error);
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean '--target'"), std::string::npos) << e.what();
  }
  // The same word is clang's when unknown options end xport's.
  EXPECT_EQ(split({"--tagret", "T"}).rest, (Words{"--tagret", "T"}));
}

TEST(LeadingOptions, RepeatedOptionsKeepEveryValueInOrder) {
  LeadingOptions o = split({"--profile", "a", "--profile=b", "-t", "X", "-t", "Y"});
  EXPECT_EQ(o.all("--profile"), (Words{"a", "b"}));
  EXPECT_EQ(o.last("--target"), "Y");
  EXPECT_TRUE(o.rest.empty());
}

} // namespace
} // namespace xport::util
