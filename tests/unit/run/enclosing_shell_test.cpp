#include <gtest/gtest.h>

#include "run/emulated_tree.hpp"
#include "run/plan.hpp"
#include "run/qemu_gaps.hpp"
#include "test_folder.hpp"
#include "util/error.hpp"

namespace xport::run {
namespace {
using testing::TestFolder;

// An aarch64 program and a qemu-aarch64 in PATH, with a sysroot at root/.
struct InsideShell : ::testing::Test {
  TestFolder t;
  Request request() {
    Request r;
    r.profile.name = "aarch64-unknown-linux-gnu";
    r.profile.arch = "aarch64";
    r.profile.os = "linux";
    r.profile.qemu = "aarch64";
    r.profile.inherits_chain = {r.profile.name};
    t.file("bin/qemu-aarch64", "", true);
    t.file("root/lib/ld-linux-aarch64.so.1");
    r.program = t.elf_program("prog", 183).string();
    r.args = {"a b"};
    r.sysroot = sysroot::FoundSysroot{};
    r.sysroot->root = t.path() / "root";
    r.env = {{"PATH", (t.path() / "bin").string()},
             {"XPORT_SHELL_TARGET", r.profile.name},
             {"XPORT_SHELL_QEMU", shell_qemu()}};
    r.host = Host{"x86_64", "linux"};
    r.traced_by_proot = true;
    return r;
  }
  std::string shell_qemu() {
    return tree_emulator_command(t.path() / "bin/qemu-aarch64", t.path() / "root");
  }
};

TEST_F(InsideShell, TheProgramIsExecdAsItIsForTheShellsQemu) {
  Plan p = plan_run(request());
  EXPECT_EQ(p.method, Method::shell);
  EXPECT_EQ(p.argv, (std::vector<std::string>{(t.path() / "prog").string(), "a b"}));
  EXPECT_NE(p.reason.find("inside xport shell for aarch64-unknown-linux-gnu"), std::string::npos);
  EXPECT_FALSE(p.deny_untranslated_syscalls);
}

TEST_F(InsideShell, AnotherTargetsShellStartsItsOwnQemu) {
  Request r = request();
  r.env["XPORT_SHELL_TARGET"] = "riscv64-unknown-linux-gnu";
  Plan p = plan_run(r);
  EXPECT_EQ(p.method, Method::qemu);
  EXPECT_NE(p.reason.find("another target"), std::string::npos) << p.reason;
}

TEST_F(InsideShell, AnotherSysrootStartsItsOwnQemu) {
  Request r = request();
  r.env["XPORT_SHELL_QEMU"] = "/usr/bin/qemu-aarch64 -L /elsewhere";
  Plan p = plan_run(r);
  EXPECT_EQ(p.method, Method::qemu);
  EXPECT_NE(p.reason.find("not this run's"), std::string::npos) << p.reason;
}

TEST_F(InsideShell, TheVariablesOutsideAProotTreeDoNotDefer) {
  Request r = request();
  r.traced_by_proot = false;
  EXPECT_EQ(plan_run(r).method, Method::qemu);
}

TEST_F(InsideShell, AnExplicitRunnerStillWins) {
  Request r = request();
  t.file("bin/my-runner", "", true);
  r.runner_option = "my-runner";
  EXPECT_EQ(plan_run(r).method, Method::runner);
}

TEST_F(InsideShell, AProgramForAnotherMachineIsStillRefused) {
  Request r = request();
  t.elf_program("prog", 243); // riscv64
  EXPECT_THROW((void)plan_run(r), Error);
}

TEST(QemuGaps, EachGapIsNamedOnceAndRseqIsLeftOut) {
  std::vector<std::string> lines = explain_qemu_gaps("Unsupported syscall: 293\n"
                                                     "Unsupported setsockopt level=0 optname=32\n"
                                                     "Unsupported syscall: 425\n"
                                                     "Unsupported setsockopt level=0 optname=32\n"
                                                     "Unsupported setsockopt level=6 optname=99\n"
                                                     "something else\n",
                                                     "aarch64");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "xport: qemu-user does not emulate setsockopt(IPPROTO_IP, IP_MULTICAST_IF) "
                      "(docs/run.md, 'qemu-user gaps'); the program may have failed because of it");
  EXPECT_NE(lines[1].find("the system call io_uring_setup (425)"), std::string::npos);
  EXPECT_NE(lines[2].find("setsockopt(level 6, option 99)"), std::string::npos);
  // 293 is rseq on aarch64, but not on arm (398 there).
  EXPECT_EQ(explain_qemu_gaps("Unsupported syscall: 293\n", "arm").size(), 1u);
}

TEST(QemuGaps, TheLogOptionGoesRightAfterQemu) {
  Plan p;
  p.method = Method::qemu;
  p.argv = {"/usr/bin/qemu-aarch64", "-L", "/p", "--", "prog"};
  ASSERT_TRUE(runs_qemu_directly(p));
  log_qemu_gaps(p, "/tmp/log");
  EXPECT_EQ(p.argv, (std::vector<std::string>{"/usr/bin/qemu-aarch64", "-d", "unimp", "-D",
                                              "/tmp/log", "-L", "/p", "--", "prog"}));
  p.deny_untranslated_syscalls = true; // a proot tree
  EXPECT_FALSE(runs_qemu_directly(p));
}

} // namespace
} // namespace xport::run
