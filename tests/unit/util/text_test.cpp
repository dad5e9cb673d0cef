#include <gtest/gtest.h>

#include "util/text.hpp"

namespace xport::util {
namespace {

using V = std::vector<std::string_view>;

TEST(Text, SplitKeepsEmptyPartsAsPathListsHaveThem) {
  EXPECT_EQ(split("/usr/bin:/bin", ':'), (V{"/usr/bin", "/bin"}));
  EXPECT_EQ(split("a::b", ':'), (V{"a", "", "b"}));
  EXPECT_EQ(split(":a:", ':'), (V{"", "a", ""})) << "an empty part at either end";
  EXPECT_EQ(split("", ':'), V{""}) << "an empty list is one empty part";
  EXPECT_EQ(split("abc", ':'), V{"abc"});
}

TEST(Text, SplitCanSkipEmptyParts) {
  EXPECT_EQ(split("a::b:", ':', EmptyParts::skipped), (V{"a", "b"}));
  EXPECT_EQ(split("//usr//lib/", '/', EmptyParts::skipped), (V{"usr", "lib"}));
  EXPECT_EQ(split("", ':', EmptyParts::skipped), V{});
  EXPECT_EQ(split(":::", ':', EmptyParts::skipped), V{});
}

TEST(Text, SplitPartsAreViewsIntoTheText) {
  std::string_view text = "one,two";
  V parts = split(text, ',');
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[1].data(), text.data() + 4);
}

TEST(Text, WordsAreBetweenRunsOfSeparators) {
  EXPECT_EQ(words("  deb\thttp://x  bookworm\n main \v\f\r"),
            (V{"deb", "http://x", "bookworm", "main"}));
  EXPECT_EQ(words(""), V{});
  EXPECT_EQ(words(" \t\n"), V{});
  EXPECT_EQ(words("GLIBC_2.17, FBSD_1.5,,x", ", "), (V{"GLIBC_2.17", "FBSD_1.5", "x"}));
  EXPECT_EQ(words("a b", ","), V{"a b"}) << "only the separators given separate";
}

V all_lines(std::string_view text) {
  V out;
  for (std::string_view line : lines(text))
    out.push_back(line);
  return out;
}

TEST(Text, LinesAreReadAsGetlineReadsThem) {
  EXPECT_EQ(all_lines("a\n\nb\n"), (V{"a", "", "b"}));
  EXPECT_EQ(all_lines("a\nb"), (V{"a", "b"})) << "a last line without its newline";
  EXPECT_EQ(all_lines("\n"), V{""});
  EXPECT_EQ(all_lines("\n\n"), (V{"", ""}));
  EXPECT_EQ(all_lines(""), V{});
  EXPECT_EQ(all_lines("a\r\n"), V{"a\r"}) << "a carriage return stays the caller's";
}

TEST(Text, LinesAreViewsIntoTheText) {
  std::string_view text = "one\ntwo";
  auto it = lines(text).begin();
  ++it;
  EXPECT_EQ(*it, "two");
  EXPECT_EQ((*it).data(), text.data() + 4);
  ++it;
  EXPECT_TRUE(it == std::default_sentinel);
}

TEST(Text, TrimTakesCharactersFromTheEnds) {
  EXPECT_EQ(trim("  a b \t\n"), "a b");
  EXPECT_EQ(trim(" \t "), "");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim("//usr/lib/", "/"), "usr/lib");
  EXPECT_EQ(trim_start("  a  "), "a  ");
  EXPECT_EQ(trim_end("  a  "), "  a");
  EXPECT_EQ(trim_start("` x`", " `"), "x`");
  EXPECT_EQ(trim_end("` x`\r", " `\r"), "` x");
  EXPECT_EQ(trim_end("   "), "");
}

} // namespace
} // namespace xport::util
