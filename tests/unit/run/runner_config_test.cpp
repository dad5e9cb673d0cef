#include <gtest/gtest.h>

#include "run/runner_config.hpp"
#include "util/error.hpp"

namespace xport::run {
namespace {

TEST(RunnerVariable, UpperCasesTheTargetAndReplacesPunctuation) {
  EXPECT_EQ(runner_variable("aarch64-unknown-linux-gnu"), "XPORT_RUNNER_AARCH64_UNKNOWN_LINUX_GNU");
  EXPECT_EQ(runner_variable("x86_64-genode-like"), "XPORT_RUNNER_X86_64_GENODE_LIKE");
}

TEST(ConfiguredRunner, AnEmptyCommandIsAnErrorNamingItsOrigin) {
  target::Profile p;
  p.name = "t";
  try {
    (void)configured_runner(p, std::string("   "), {});
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("--runner: the runner command is empty"),
              std::string::npos);
  }
}

TEST(ConfiguredRunner, OptionBeatsEnvironmentBeatsProfile) {
  target::Profile p;
  p.name = "x86_64-unknown-freebsd";
  p.runner = {"ssh", "bsd"};
  util::Environment env{{"XPORT_RUNNER_X86_64_UNKNOWN_FREEBSD", "my-runner --"}};
  auto r = configured_runner(p, std::string("qemu-x86_64 -cpu max"), env);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->command, (std::vector<std::string>{"qemu-x86_64", "-cpu", "max"}));
  EXPECT_EQ(r->origin, "--runner");
  r = configured_runner(p, std::nullopt, env);
  EXPECT_EQ(r->command, (std::vector<std::string>{"my-runner", "--"}));
  EXPECT_EQ(r->origin, "$XPORT_RUNNER_X86_64_UNKNOWN_FREEBSD");
  r = configured_runner(p, std::nullopt, {});
  EXPECT_EQ(r->command, p.runner);
  p.runner.clear();
  EXPECT_FALSE(configured_runner(p, std::nullopt, {}));
}

} // namespace
} // namespace xport::run
