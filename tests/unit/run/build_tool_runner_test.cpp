#include <gtest/gtest.h>

#include "run/build_tool_runner.hpp"

namespace xport::run {
namespace {

target::Profile profile(std::string name, std::string arch, std::string os) {
  target::Profile p;
  p.name = name;
  p.arch = arch;
  p.os = os;
  p.inherits_chain = {name};
  return p;
}

TEST(BuildToolRunner, SpellsOutXportRunWithTargetSysrootAndProfiles) {
  auto command = build_tool_runner("/opt/xport/bin/xport",
                                   profile("aarch64-unknown-linux-gnu", "aarch64", "linux"),
                                   std::filesystem::path("/store/root"), {"/p/my.toml"}, {});
  EXPECT_EQ(command, (std::vector<std::string>{"/opt/xport/bin/xport", "run", "--target",
                                               "aarch64-unknown-linux-gnu", "--sysroot",
                                               "/store/root", "--profile", "/p/my.toml", "--"}));
}

TEST(BuildToolRunner, NoneForATargetNothingHereCanRun) {
  auto bsd = profile("x86_64-unknown-freebsd", "x86_64", "freebsd");
  EXPECT_TRUE(build_tool_runner("xport", bsd, std::nullopt, {}, {}).empty());
  // ...until the user names a runner for it.
  util::Environment env{{"XPORT_RUNNER_X86_64_UNKNOWN_FREEBSD", "ssh bsd"}};
  EXPECT_FALSE(build_tool_runner("xport", bsd, std::nullopt, {}, env).empty());
}

} // namespace
} // namespace xport::run
