// append_json_string writes what nlohmann::json writes (with invalid bytes replaced), and is_utf8
// accepts exactly the well-formed sequences.
#include <gtest/gtest.h>

#include "util/json_text.hpp"

namespace xport::util {
namespace {

TEST(JsonText, EscapesAsNlohmannJsonDoes) {
  const std::string cases[] = {
      "",
      "plain/path.h",
      "quote \" backslash \\ slash /",
      std::string("controls \x01\x1f\b\f\n\r\t and NUL ") + '\0' + " end",
      "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
      "bad \xff byte",
      "cut \xe2\x82",
      "overlong \xc0\xaf and surrogate \xed\xa0\x80",
      "past U+10FFFF \xf4\x90\x80\x80",
  };
  for (const std::string& text : cases) {
    std::string out;
    append_json_string(out, text);
    EXPECT_EQ(out, json_text(nlohmann::json(text), -1)) << text;
    EXPECT_TRUE(nlohmann::json::accept(out)) << out;
  }
}

TEST(JsonText, RoundTripsValidText) {
  for (std::string text : {"a\"b\\c\n", "caf\xc3\xa9", "\xf4\x8f\xbf\xbf"}) {
    std::string out;
    append_json_string(out, text);
    EXPECT_EQ(nlohmann::json::parse(out).get<std::string>(), text);
  }
}

TEST(JsonText, KnowsWellFormedUtf8) {
  EXPECT_TRUE(is_utf8(""));
  EXPECT_TRUE(is_utf8("ascii"));
  EXPECT_TRUE(is_utf8("caf\xc3\xa9"));
  EXPECT_TRUE(is_utf8("\xe0\xa0\x80"));      // U+0800
  EXPECT_TRUE(is_utf8("\xf4\x8f\xbf\xbf"));  // U+10FFFF
  EXPECT_FALSE(is_utf8("\xc3"));             // cut short
  EXPECT_FALSE(is_utf8("\xc0\xaf"));         // overlong '/'
  EXPECT_FALSE(is_utf8("\xe0\x80\xaf"));     // overlong
  EXPECT_FALSE(is_utf8("\xed\xa0\x80"));     // a surrogate
  EXPECT_FALSE(is_utf8("\xf4\x90\x80\x80")); // past U+10FFFF
  EXPECT_FALSE(is_utf8("\xff"));
  EXPECT_FALSE(is_utf8("a\x80"));
}

} // namespace
} // namespace xport::util
