#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <gtest/gtest.h>

#include "cli/compiler_options.hpp"
#include "util/error.hpp"

namespace xport::cli {
namespace {

CompilerOptions read(const std::vector<std::string>& args) {
  CompilerOptions o;
  CLI::App app;
  describe_compiler_options(app, o, "xport cc");
  std::optional<int> status = read_compiler_options(app, o, args, "xport cc");
  EXPECT_EQ(status, std::nullopt);
  return o;
}

using Words = std::vector<std::string>;

TEST(CompilerOptions, ReadsTheFrontUntilTheFirstOtherWord) {
  CompilerOptions o = read({"-t", "aarch64-linux-gnu", "--sysroot=s", "--profile", "p.toml",
                            "--print-command", "-O2", "-c", "a.c"});
  EXPECT_EQ(o.target.target, "aarch64-linux-gnu");
  EXPECT_EQ(o.sysroot, "s");
  EXPECT_EQ(o.target.profiles, Words{"p.toml"});
  EXPECT_TRUE(o.print_command);
  EXPECT_FALSE(o.help);
  EXPECT_EQ(o.rest, (Words{"-O2", "-c", "a.c"}));
}

TEST(CompilerOptions, ReadsLongOptionsAmongClangsWordsFrontFirstLastWins) {
  CompilerOptions o = read({"--target", "a", "--clang", "18", "--max-version=GLIBC_2.17", "-c",
                            "--clang=19", "x.c", "--target", "b", "--max-version", "FBSD_1.5",
                            "--profile=q.toml", "--print-command", "--sysroot", "-odd"});
  EXPECT_EQ(o.target.target, "b");
  EXPECT_EQ(o.clang, "19");
  EXPECT_EQ(o.max_versions, (Words{"GLIBC_2.17", "FBSD_1.5"}));
  EXPECT_EQ(o.target.profiles, Words{"q.toml"});
  EXPECT_TRUE(o.print_command);
  EXPECT_EQ(o.sysroot, "-odd");
  EXPECT_EQ(o.rest, (Words{"-c", "x.c"}));
}

TEST(CompilerOptions, ClangsTargetEqualsTripleAndShortOptionsAmongStayClangs) {
  CompilerOptions o = read({"--target=t", "-c", "--target=x86_64-pc-linux-gnu", "-t", "u", "-h",
                            "--help", "--print-command=1"});
  EXPECT_EQ(o.target.target, "t");
  EXPECT_FALSE(o.help);
  EXPECT_FALSE(o.print_command);
  EXPECT_EQ(o.rest, (Words{"-c", "--target=x86_64-pc-linux-gnu", "-t", "u", "-h", "--help",
                           "--print-command=1"}));
}

TEST(CompilerOptions, TheWordAfterAClangOptionThatTakesOneIsClangs) {
  CompilerOptions o = read({"--target", "t", "-Xlinker", "--sysroot=x", "-o", "--clang", "-MF",
                            "--print-command", "--sysroot", "s"});
  EXPECT_EQ(o.sysroot, "s");
  EXPECT_EQ(o.clang, "");
  EXPECT_FALSE(o.print_command);
  EXPECT_EQ(o.rest, (Words{"-Xlinker", "--sysroot=x", "-o", "--clang", "-MF", "--print-command"}));
}

TEST(CompilerOptions, HelpOnlyFirst) {
  EXPECT_TRUE(read({"-h"}).help);
  EXPECT_TRUE(read({"--target", "t", "--help", "-c"}).help);
}

TEST(CompilerOptions, AnOptionWithoutItsValueIsAUsageError) {
  EXPECT_THROW(read({"--target"}), UsageError);
  EXPECT_THROW(read({"--target", "t", "-c", "--profile"}), UsageError);
}

TEST(CompilerOptions, AnEmptyValueIsAValue) {
  CompilerOptions o =
      read({"--target", "t", "--sysroot=s", "--clang=19", "--sysroot=", "-c", "--clang", ""});
  EXPECT_EQ(o.sysroot, "");
  EXPECT_EQ(o.clang, "");
  EXPECT_EQ(o.rest, Words{"-c"});
}

} // namespace
} // namespace xport::cli
