#include <gtest/gtest.h>

#include "run/plan.hpp"
#include "test_folder.hpp"
#include "util/error.hpp"

namespace xport::run {
namespace {
using testing::TestFolder;

struct PlanRun : ::testing::Test {
  TestFolder t;
  Request request(std::string name, std::string arch, std::string os) {
    Request r;
    r.profile.name = name;
    r.profile.arch = arch;
    r.profile.os = os;
    r.profile.inherits_chain = {name};
    r.program = t.file("prog", "#!/bin/sh\n", true).string();
    r.args = {"a b", "it's \"quoted\"", ""};
    r.env = {{"PATH", (t.path() / "bin").string()}, {"QEMU_LD_PREFIX", "/stale"}};
    r.host = Host{"x86_64", "linux"};
    return r;
  }
  std::string message_of(const Request& r) {
    try {
      (void)plan_run(r);
    } catch (const Error& e) {
      return e.what();
    }
    return "(no error)";
  }
};

TEST_F(PlanRun, NativeTargetsRunTheProgramItselfWithArgumentsUnchanged) {
  Plan p = plan_run(request("x86_64-unknown-linux-gnu", "x86_64", "linux"));
  EXPECT_EQ(p.method, Method::native);
  EXPECT_EQ(p.argv,
            (std::vector<std::string>{(t.path() / "prog").string(), "a b", "it's \"quoted\"", ""}));
}

TEST_F(PlanRun, ForeignLinuxTargetsRunUnderQemuWithTheSysrootAsPrefix) {
  t.file("bin/qemu-aarch64", "", true);
  t.file("root/lib/ld-linux-aarch64.so.1");
  Request r = request("aarch64-unknown-linux-gnu", "aarch64", "linux");
  r.profile.qemu = "aarch64";
  r.profile.dynamic_linker = "/lib/ld-linux-aarch64.so.1";
  r.sysroot = driver::SysrootView{};
  r.sysroot->root = t.path() / "root";
  Plan p = plan_run(r);
  EXPECT_EQ(p.method, Method::qemu);
  std::vector<std::string> want = {(t.path() / "bin/qemu-aarch64").string(),
                                   "-L",
                                   (t.path() / "root").string(),
                                   "--",
                                   (t.path() / "prog").string(),
                                   "a b",
                                   "it's \"quoted\"",
                                   ""};
  EXPECT_EQ(p.argv, want);
  EXPECT_EQ(p.env.count("QEMU_LD_PREFIX"), 0u);
}

TEST_F(PlanRun, MissingQemuSaysHowToInstallIt) {
  std::string m = message_of(request("aarch64-unknown-linux-gnu", "aarch64", "linux"));
  EXPECT_NE(m.find("qemu-aarch64 is not installed"), std::string::npos) << m;
  EXPECT_NE(m.find("apt-get install qemu-user"), std::string::npos) << m;
  EXPECT_NE(m.find("XPORT_RUNNER_AARCH64_UNKNOWN_LINUX_GNU"), std::string::npos) << m;
}

TEST_F(PlanRun, ARunnerGetsTheProgramAndArgumentsAppended) {
  t.file("bin/my-runner", "", true);
  Request r = request("x86_64-unknown-freebsd", "x86_64", "freebsd");
  r.env["XPORT_RUNNER_X86_64_UNKNOWN_FREEBSD"] = "my-runner --flag 'two words'";
  Plan p = plan_run(r);
  EXPECT_EQ(p.method, Method::runner);
  EXPECT_EQ(p.argv,
            (std::vector<std::string>{"my-runner", "--flag", "two words",
                                      (t.path() / "prog").string(), "a b", "it's \"quoted\"", ""}));
  EXPECT_EQ(p.runner->origin, "$XPORT_RUNNER_X86_64_UNKNOWN_FREEBSD");
}

TEST_F(PlanRun, ARunnerThatIsNotInstalledIsNamedWithItsOrigin) {
  Request r = request("x86_64-unknown-freebsd", "x86_64", "freebsd");
  r.runner_option = "no-such-runner-xyz host";
  std::string m = message_of(r);
  EXPECT_NE(m.find("'no-such-runner-xyz' (from --runner)"), std::string::npos) << m;
}

TEST_F(PlanRun, NoWayToRunListsEveryOption) {
  std::string m = message_of(request("x86_64-unknown-dragonfly", "x86_64", "dragonfly"));
  for (const char* option :
       {"--runner", "XPORT_RUNNER_X86_64_UNKNOWN_DRAGONFLY", "runner = [", "qemu-user"})
    EXPECT_NE(m.find(option), std::string::npos) << option << " missing in: " << m;
}

TEST_F(PlanRun, AProgramThatDoesNotExistIsAnErrorBeforeAnythingRuns) {
  Request r = request("x86_64-unknown-linux-gnu", "x86_64", "linux");
  r.program = (t.path() / "missing").string();
  EXPECT_NE(message_of(r).find("no such program"), std::string::npos);
}

} // namespace
} // namespace xport::run
