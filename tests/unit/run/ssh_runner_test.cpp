#include <gtest/gtest.h>

#include "run/ssh_runner.hpp"
#include "test_folder.hpp"
#include "util/process.hpp"

namespace xport::run {
namespace {
using testing::TestFolder;

TEST(SshRunner, RecognisedByTheProgramName) {
  EXPECT_TRUE(is_ssh_runner({{"ssh", "host"}, ""}));
  EXPECT_TRUE(is_ssh_runner({{"/usr/bin/ssh", "-p", "22", "host"}, ""}));
  EXPECT_FALSE(is_ssh_runner({{"qemu-x86_64"}, ""}));
  EXPECT_FALSE(is_ssh_runner({{"sshpass"}, ""}));
}

TEST(SshRunner, TheRemoteCommandQuotesEveryArgumentForTheRemoteShell) {
  std::string command =
      remote_run_command("/tmp/xport-run.ab12", "probe", {"a b", "it's", "$HOME"});
  // What the remote login shell receives must be one `sh -c SCRIPT` whose script, run by sh,
  // passes the arguments unchanged: check by running it through sh here, with echo for the program.
  TestFolder t;
  t.file("probe", "#!/bin/sh\nfor a in \"$@\"; do printf '<%s>' \"$a\"; done\n", true);
  std::string local = command;
  for (std::size_t at; (at = local.find("/tmp/xport-run.ab12")) != std::string::npos;)
    local.replace(at, std::string("/tmp/xport-run.ab12").size(), t.path().string());
  auto done = util::run_capture({"sh", "-c", local});
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->out, "<a b><it's><$HOME>");
  EXPECT_TRUE(std::filesystem::exists(t.path() / ".xport-status"));
}

TEST(SshRunner, CopiesTheProgramAndLibrariesBesideItButNotTheSysroots) {
  TestFolder t;
  // A real dynamic program needing libm (in a "sysroot") and nothing of its own beside it: only
  // the program is copied. The host's own cc builds it.
  t.file("p.c", "#include <math.h>\nint main(int c, char** v) { return (int)sqrt(c); }\n");
  auto built = util::run_capture(
      {"cc", "-o", (t.path() / "p").string(), (t.path() / "p.c").string(), "-lm"});
  ASSERT_TRUE(built.ok() && built->ok()) << (built.ok() ? built->err : built.error());
  sysroot::FoundSysroot sysroot;
  sysroot.root = t.path() / "root";
  sysroot.layout.library_dirs = {"lib"};
  t.file("root/lib/libm.so.6");
  std::vector<std::filesystem::path> files = files_to_copy(t.path() / "p", sysroot, {});
  EXPECT_EQ(files, (std::vector<std::filesystem::path>{t.path() / "p"}));
  // Without that sysroot, a libm.so.6 beside the program is the program's own: copied.
  t.file("libm.so.6");
  files = files_to_copy(t.path() / "p", std::nullopt, {});
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[1], t.path() / "libm.so.6");
}

} // namespace
} // namespace xport::run
