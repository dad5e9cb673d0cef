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
  t.elf_program("prog", 183); // aarch64, over the script
  r.profile.qemu = "aarch64";
  r.profile.dynamic_linker = "/lib/ld-linux-aarch64.so.1";
  r.sysroot = sysroot::FoundSysroot{};
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

TEST_F(PlanRun, AProgramForAnotherArchitectureNamesBothNotTheSysroot) {
  t.file("bin/qemu-riscv64", "", true);
  Request r = request("riscv64-unknown-linux-gnu", "riscv64", "linux");
  t.elf_program("prog", 183); // aarch64, over the script
  r.sysroot = sysroot::FoundSysroot{};
  r.sysroot->root = t.path() / "empty-root";
  std::string m = message_of(r);
  EXPECT_NE(m.find("it is a 64-bit aarch64 program"), std::string::npos) << m;
  EXPECT_NE(m.find("runs 64-bit riscv64 programs"), std::string::npos) << m;
  EXPECT_NE(m.find("arch is aarch64"), std::string::npos) << m;
  EXPECT_EQ(m.find("sysroot"), std::string::npos) << m;
}

TEST_F(PlanRun, ANativeTargetRefusesAForeignProgramToo) {
  Request r = request("x86_64-unknown-linux-gnu", "x86_64", "linux");
  t.elf_program("prog", 183); // aarch64, over the script
  std::string m = message_of(r);
  EXPECT_NE(m.find("aarch64 program, and x86_64-unknown-linux-gnu runs 64-bit x86_64"),
            std::string::npos)
      << m;
}

TEST_F(PlanRun, AScriptForAForeignTargetRunsInATreeWhereItsProgramsRunUnderQemu) {
  t.file("bin/qemu-aarch64", "", true);
  t.file("bin/proot", "", true);
  t.file("root/lib/ld-linux-aarch64.so.1");
  Request r = request("aarch64-unknown-linux-gnu", "aarch64", "linux");
  r.sysroot = sysroot::FoundSysroot{};
  r.sysroot->root = t.path() / "root";
  Plan p = plan_run(r);
  EXPECT_EQ(p.method, Method::qemu);
  std::vector<std::string> want = {(t.path() / "bin/proot").string(),
                                   "-q",
                                   (t.path() / "bin/qemu-aarch64").string() + " -L " +
                                       (t.path() / "root").string(),
                                   (t.path() / "prog").string(),
                                   "a b",
                                   "it's \"quoted\"",
                                   ""};
  EXPECT_EQ(p.argv, want);
  EXPECT_NE(p.reason.find("a script"), std::string::npos) << p.reason;
  EXPECT_EQ(p.env.count("QEMU_LD_PREFIX"), 0u);
}

TEST_F(PlanRun, AScriptNeedsProot) {
  t.file("bin/qemu-aarch64", "", true);
  std::string m = message_of(request("aarch64-unknown-linux-gnu", "aarch64", "linux"));
  EXPECT_NE(m.find("the script '"), std::string::npos) << m;
  EXPECT_NE(m.find("apt-get install proot"), std::string::npos) << m;
}

TEST_F(PlanRun, AFileThatIsNeitherElfNorAScriptIsNamedAsSuch) {
  t.file("bin/qemu-aarch64", "", true);
  Request r = request("aarch64-unknown-linux-gnu", "aarch64", "linux");
  r.program = t.file("data", "just some text\n", true).string();
  std::string m = message_of(r);
  EXPECT_NE(m.find("neither an ELF program nor a script"), std::string::npos) << m;
}

TEST_F(PlanRun, ThePrintedCommandShowsWhatChangesInTheEnvironment) {
  t.file("bin/qemu-aarch64", "", true);
  Request r = request("aarch64-unknown-linux-gnu", "aarch64", "linux");
  t.elf_program("prog", 183); // aarch64, over the script
  Plan p = plan_run(r);
  std::vector<std::string> printed = printable_command(p, r.env);
  ASSERT_GE(printed.size(), 4u);
  EXPECT_EQ((std::vector<std::string>(printed.begin(), printed.begin() + 3)),
            (std::vector<std::string>{"env", "-u", "QEMU_LD_PREFIX"}));
  EXPECT_EQ(printed[3], (t.path() / "bin/qemu-aarch64").string());
  EXPECT_EQ(to_json(p, r.env)["unset_env"][0], "QEMU_LD_PREFIX");
}

} // namespace
} // namespace xport::run
