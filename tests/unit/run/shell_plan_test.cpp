#include <gtest/gtest.h>

#include "run/shell_plan.hpp"
#include "test_folder.hpp"
#include "util/error.hpp"

namespace xport::run {
namespace {
using testing::TestFolder;

struct PlanShell : ::testing::Test {
  TestFolder t;
  ShellRequest request(std::string name, std::string arch, std::string os) {
    ShellRequest r;
    r.profile.name = name;
    r.profile.arch = arch;
    r.profile.os = os;
    r.profile.inherits_chain = {name};
    r.command = {"ctest", "--output-on-failure"};
    r.env = {{"PATH", (t.path() / "bin").string()}, {"SHELL", "/bin/zsh"}};
    r.host = Host{"x86_64", "linux"};
    return r;
  }
  std::string message_of(const ShellRequest& r) {
    try {
      (void)plan_shell(r);
    } catch (const Error& e) {
      return e.what();
    }
    return "(no error)";
  }
};

TEST_F(PlanShell, ANativeTargetRunsTheCommandAsItIs) {
  Plan p = plan_shell(request("x86_64-unknown-linux-gnu", "x86_64", "linux"));
  EXPECT_EQ(p.method, Method::native);
  EXPECT_EQ(p.argv, (std::vector<std::string>{"ctest", "--output-on-failure"}));
  EXPECT_EQ(p.env.at("XPORT_SHELL_TARGET"), "x86_64-unknown-linux-gnu");
}

TEST_F(PlanShell, WithoutACommandTheUsersShellRuns) {
  ShellRequest r = request("x86_64-unknown-linux-gnu", "x86_64", "linux");
  r.command.clear();
  EXPECT_EQ(plan_shell(r).argv, (std::vector<std::string>{"/bin/zsh"}));
  r.env.erase("SHELL");
  EXPECT_EQ(plan_shell(r).argv, (std::vector<std::string>{"/bin/sh"}));
}

TEST_F(PlanShell, AForeignLinuxTargetRunsTheCommandUnderProotWithQemuAndTheSysroot) {
  t.file("bin/qemu-aarch64", "", true);
  t.file("bin/proot", "", true);
  t.file("root/usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1");
  t.file("root/usr/lib/libz.so.1");
  ShellRequest r = request("aarch64-unknown-linux-gnu", "aarch64", "linux");
  r.env["LD_LIBRARY_PATH"] = "/host/libs";
  r.env["QEMU_LD_PREFIX"] = "/stale";
  r.sysroot = sysroot::FoundSysroot{};
  r.sysroot->root = t.path() / "root";
  r.sysroot->layout.runtime_root = "usr/aarch64-linux-gnu";
  r.sysroot->layout.library_dirs = {"usr/aarch64-linux-gnu/lib", "usr/lib"};
  Plan p = plan_shell(r);
  EXPECT_EQ(p.method, Method::qemu);
  std::vector<std::string> want = {(t.path() / "bin/proot").string(), "-q",
                                   (t.path() / "bin/qemu-aarch64").string() + " -L " +
                                       (t.path() / "root/usr/aarch64-linux-gnu").string(),
                                   "ctest", "--output-on-failure"};
  EXPECT_EQ(p.argv, want);
  EXPECT_EQ(p.env.at("LD_LIBRARY_PATH"), "/host/libs:" + (t.path() / "root/usr/lib").string());
  EXPECT_EQ(p.env.count("QEMU_LD_PREFIX"), 0u);
}

TEST_F(PlanShell, ASysrootPathWithASpaceIsRefusedBecauseProotSplitsAtSpaces) {
  t.file("bin/qemu-aarch64", "", true);
  t.file("bin/proot", "", true);
  ShellRequest r = request("aarch64-unknown-linux-gnu", "aarch64", "linux");
  r.sysroot = sysroot::FoundSysroot{};
  r.sysroot->root = t.path() / "my root";
  std::string m = message_of(r);
  EXPECT_NE(m.find("splits its qemu command at spaces"), std::string::npos) << m;
  EXPECT_NE(m.find("my root"), std::string::npos) << m;
}

TEST_F(PlanShell, MissingProotOrQemuSaysWhatToInstall) {
  ShellRequest r = request("aarch64-unknown-linux-gnu", "aarch64", "linux");
  EXPECT_NE(message_of(r).find("apt-get install qemu-user"), std::string::npos);
  t.file("bin/qemu-aarch64", "", true);
  EXPECT_NE(message_of(r).find("apt-get install proot"), std::string::npos);
}

TEST_F(PlanShell, ANonLinuxForeignTargetSaysWhyAndPointsToRunners) {
  std::string m = message_of(request("aarch64-unknown-freebsd", "aarch64", "freebsd"));
  EXPECT_NE(m.find("qemu-user, which runs Linux programs only"), std::string::npos) << m;
  EXPECT_NE(m.find("XPORT_RUNNER_AARCH64_UNKNOWN_FREEBSD"), std::string::npos) << m;
  EXPECT_NE(m.find("docs/run.md"), std::string::npos) << m;
}

} // namespace
} // namespace xport::run
