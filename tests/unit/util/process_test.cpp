#include <gtest/gtest.h>

#include "util/process.hpp"

namespace xport::util {
namespace {

TEST(RunCapture, CapturesBothStreamsAndTheExitCode) {
  auto r = run_capture({"sh", "-c", "echo out; echo err >&2; exit 3"});
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r->out, "out\n");
  EXPECT_EQ(r->err, "err\n");
  EXPECT_EQ(r->exit_code, 3);
  EXPECT_FALSE(r->ok());
}

TEST(RunCapture, ReportsTheSignalThatEndedTheChild) {
  auto r = run_capture({"sh", "-c", "kill -ABRT $$"});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->signal, 6);
}

TEST(RunCapture, FeedsStandardInputAndUsesTheGivenEnvironment) {
  RunOptions options;
  options.input = std::string(200000, 'x'); // larger than a pipe buffer
  options.env = Environment{{"PATH", "/usr/bin:/bin"}, {"ONLY", "this"}};
  auto r = run_capture({"sh", "-c", "wc -c; echo \"$ONLY\"; env | grep -c ."}, options);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->out.substr(0, r->out.find('\n')), "200000");
  EXPECT_NE(r->out.find("this\n"), std::string::npos);
}

TEST(RunCapture, FailsClearlyForAMissingProgram) {
  auto r = run_capture({"/nonexistent/xport-no-such-tool"});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("xport-no-such-tool"), std::string::npos);
}

TEST(ShellQuote, LeavesPlainWordsAndQuotesTheRest) {
  EXPECT_EQ(shell_quote("-Wl,--gc-sections"), "-Wl,--gc-sections");
  EXPECT_EQ(shell_quote("a b"), "'a b'");
  EXPECT_EQ(shell_quote("it's"), "'it'\\''s'");
  EXPECT_EQ(shell_quote(""), "''");
}

TEST(FindProgram, SearchesThePathInOrder) {
  EXPECT_EQ(find_program("sh", "/nonexistent:/bin:/usr/bin").value(), "/bin/sh");
  EXPECT_FALSE(find_program("sh", "/nonexistent").has_value());
}

} // namespace
} // namespace xport::util
