#include <gtest/gtest.h>

#include "driver/toolchain_links.hpp"

namespace xport::driver {
namespace {

TEST(ToolchainLinks, Argv0ModeMapsLinkNamesToCommands) {
  util::Environment env = {{"PATH", "/nonexistent"}};
  auto cc = tool_command_line("/x/bin/x86_64-unknown-freebsd-cc", {"-c", "a.c"}, env);
  ASSERT_TRUE(cc);
  EXPECT_EQ(cc->args, (std::vector<std::string>{"cc", "--target", "x86_64-unknown-freebsd", "--",
                                                "-c", "a.c"}));
  EXPECT_EQ(cc->store, "") << "no settings file beside the link";
  auto cxx = tool_command_line("aarch64-unknown-linux-gnu-clang++", {}, env);
  ASSERT_TRUE(cxx);
  EXPECT_EQ(cxx->args.front(), "c++");
  EXPECT_EQ(cxx->args[2], "aarch64-unknown-linux-gnu");
  auto gcc = tool_command_line("x86_64-unknown-dragonfly-gcc", {}, env);
  ASSERT_TRUE(gcc);
  EXPECT_EQ(gcc->args.front(), "cc");
  auto pc = tool_command_line("x86_64-unknown-freebsd-pkg-config", {"--cflags", "z"}, env);
  ASSERT_TRUE(pc);
  EXPECT_EQ(pc->args[0], "toolchain");
  EXPECT_EQ(pc->args[1], "pkg-config");
  EXPECT_FALSE(tool_command_line("/usr/bin/xport", {"cc"}, env));
  EXPECT_FALSE(tool_command_line("x86_64-unknown-freebsd-ar", {}, env)) << "links to llvm-ar";
}

} // namespace
} // namespace xport::driver
