#include <gtest/gtest.h>

#include "util/error.hpp"
#include "util/shell_words.hpp"

namespace xport::util {
namespace {

using V = std::vector<std::string>;

TEST(ShellWords, KeepsQuotedSpacesAndEscapes) {
  EXPECT_EQ(split_shell_words("ssh  -p 2222 host", "x"), (V{"ssh", "-p", "2222", "host"}));
  EXPECT_EQ(split_shell_words("run 'a b' \"c \\\"d\\\"\" e\\ f", "x"),
            (V{"run", "a b", "c \"d\"", "e f"}));
  EXPECT_EQ(split_shell_words("x ''", "x"), (V{"x", ""}));
  EXPECT_EQ(split_shell_words("ccache\t/opt/my tools/distcc", "x"),
            (V{"ccache", "/opt/my", "tools/distcc"}));
  EXPECT_EQ(split_shell_words("'/opt/my tools/distcc' -j", "x"), (V{"/opt/my tools/distcc", "-j"}));
  EXPECT_EQ(split_shell_words("  \n ", "x"), V{});
}

TEST(ShellWords, AnUnterminatedQuoteNamesTheOrigin) {
  for (const char* text : {"ssh 'host", "ssh \"host"}) {
    try {
      (void)split_shell_words(text, "$XPORT_LAUNCHER");
      FAIL() << text;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("$XPORT_LAUNCHER"), std::string::npos);
      EXPECT_NE(std::string(e.what()).find("unterminated"), std::string::npos);
    }
  }
}

} // namespace
} // namespace xport::util
