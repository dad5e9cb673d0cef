#include <algorithm>

#include <gtest/gtest.h>

#include "rust/cargo_plan.hpp"
#include "util/error.hpp"

namespace xport::rust {
namespace {

using Argv = std::vector<std::string>;

CargoRequest nightly_linux() {
  CargoRequest r;
  r.cargo = "/tc/bin/cargo";
  r.rustc = "/tc/bin/rustc";
  r.rustdoc = "/tc/bin/rustdoc";
  r.nightly = true;
  r.spec_file = "/cache/specs/k/x86_64-linux-notls.json";
  r.target_name = "x86_64-linux-notls";
  r.panic = "unwind";
  r.workspace_root = "/src/hello";
  r.std_sysroot = "/cache/std/x86_64-linux-notls-k";
  r.user_args = {"build", "--release"};
  r.env = {{"PATH", "/usr/bin"}, {"RUSTC_BOOTSTRAP", "1"}};
  return r;
}

TEST(PlanCargo, NightlyStdUnwind) {
  CargoPlan p = plan_cargo(nightly_linux());
  EXPECT_EQ(p.argv,
            (Argv{"/tc/bin/cargo", "build", "--target", "/cache/specs/k/x86_64-linux-notls.json",
                  "--target-dir", "/src/hello/target/xport-x86_64-linux-notls", "--config",
                  "target.x86_64-linux-notls.rustflags=[\"--sysroot\", "
                  "\"/cache/std/x86_64-linux-notls-k\"]",
                  "--release"}));
  EXPECT_EQ(p.env.at("RUSTC"), "/tc/bin/rustc");
  EXPECT_EQ(p.env.at("RUSTDOC"), "/tc/bin/rustdoc");
  EXPECT_EQ(p.env.at("RUSTDOCFLAGS"), "--sysroot /cache/std/x86_64-linux-notls-k");
  EXPECT_EQ(p.env.count("RUSTC_BOOTSTRAP"), 0u) << "a nightly needs no bootstrap override";
  EXPECT_EQ(p.env.count("CARGO_PROFILE_RELEASE_PANIC"), 0u);
  EXPECT_EQ(p.env.at("PATH"), "/usr/bin");
  EXPECT_EQ(p.env_changes,
            (Argv{"RUSTDOCFLAGS=--sysroot /cache/std/x86_64-linux-notls-k", "RUSTC=/tc/bin/rustc",
                  "RUSTDOC=/tc/bin/rustdoc", "-RUSTC_BOOTSTRAP"}));
}

TEST(PlanCargo, SysrootExtendsTheUsersFlagsInsteadOfReplacingThem) {
  CargoRequest r = nightly_linux();
  r.env["RUSTFLAGS"] = "-C target-cpu=native";
  CargoPlan p = plan_cargo(r);
  EXPECT_EQ(p.env.at("RUSTFLAGS"),
            "-C target-cpu=native --sysroot /cache/std/x86_64-linux-notls-k");
  EXPECT_EQ(std::count(p.argv.begin(), p.argv.end(), "--config"), 0)
      << "RUSTFLAGS wins over config files: --sysroot goes there";

  r = nightly_linux();
  r.env["CARGO_ENCODED_RUSTFLAGS"] = "-Cdebuginfo=1";
  r.env["RUSTDOCFLAGS"] = "--cfg docsrs";
  p = plan_cargo(r);
  EXPECT_EQ(p.env.at("CARGO_ENCODED_RUSTFLAGS"),
            "-Cdebuginfo=1\x1f--sysroot\x1f/cache/std/x86_64-linux-notls-k");
  EXPECT_EQ(p.env.at("RUSTDOCFLAGS"), "--cfg docsrs --sysroot /cache/std/x86_64-linux-notls-k");
}

TEST(PlanCargo, RunnerIsXportRunUnlessTheUserSetOne) {
  CargoRequest r = nightly_linux();
  r.target_name = "aarch64-unknown-linux-gnu";
  r.runner = {"/opt/xport/bin/xport", "run", "--target", "aarch64-unknown-linux-gnu"};
  CargoPlan p = plan_cargo(r);
  EXPECT_EQ(p.env.at("CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER"),
            "/opt/xport/bin/xport run --target aarch64-unknown-linux-gnu");
  r.env["CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER"] = "my-board";
  EXPECT_EQ(plan_cargo(r).env.at("CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER"), "my-board");
  r.runner.clear();
  r.env.clear();
  EXPECT_EQ(plan_cargo(r).env.count("CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER"), 0u);
}

TEST(PlanCargo, TargetVariableNames) {
  EXPECT_EQ(cargo_target_variable("x86_64-unknown-genode", "LINKER"),
            "CARGO_TARGET_X86_64_UNKNOWN_GENODE_LINKER");
  EXPECT_EQ(cargo_target_variable("thumbv7em-none-eabihf", "RUNNER"),
            "CARGO_TARGET_THUMBV7EM_NONE_EABIHF_RUNNER");
}

TEST(PlanCargo, StableToolchainGetsRustcBootstrap) {
  CargoRequest r = nightly_linux();
  r.nightly = false;
  r.env.erase("RUSTC_BOOTSTRAP");
  CargoPlan p = plan_cargo(r);
  EXPECT_EQ(p.env.at("RUSTC_BOOTSTRAP"), "1");
  EXPECT_NE(std::find(p.env_changes.begin(), p.env_changes.end(), "RUSTC_BOOTSTRAP=1"),
            p.env_changes.end());
}

TEST(PlanCargo, PanicAbortProfileSetsCargosPanicForDevAndRelease) {
  CargoRequest r = nightly_linux();
  r.panic = "abort";
  CargoPlan p = plan_cargo(r);
  EXPECT_EQ(p.env.at("CARGO_PROFILE_DEV_PANIC"), "abort");
  EXPECT_EQ(p.env.at("CARGO_PROFILE_RELEASE_PANIC"), "abort");
}

TEST(PlanCargo, NewCargoGetsJsonTargetSpecFlagBeforeTarget) {
  CargoRequest r = nightly_linux();
  r.json_target_spec_flag = true;
  CargoPlan p = plan_cargo(r);
  EXPECT_EQ(Argv(p.argv.begin() + 2, p.argv.begin() + 5),
            (Argv{"-Z", "json-target-spec", "--target"}));
  EXPECT_EQ(std::count(p.argv.begin(), p.argv.end(), "build-std=std,panic_abort"), 0)
      << "std comes prebuilt through --sysroot";
}

TEST(PlanCargo, KeepsTheUsersTargetDirFromArgsOrEnvironment) {
  CargoRequest r = nightly_linux();
  r.user_args = {"build", "--target-dir=/tmp/t"};
  CargoPlan p = plan_cargo(r);
  EXPECT_EQ(std::count(p.argv.begin(), p.argv.end(), "--target-dir"), 0);
  EXPECT_EQ(p.argv.back(), "--target-dir=/tmp/t");

  r = nightly_linux();
  r.env["CARGO_TARGET_DIR"] = "/tmp/elsewhere";
  p = plan_cargo(r);
  EXPECT_EQ(std::count(p.argv.begin(), p.argv.end(), "--target-dir"), 0);
}

TEST(PlanCargo, ArgumentsAfterDoubleDashStayThePrograms) {
  CargoRequest r = nightly_linux();
  r.user_args = {"r", "--release", "--", "--target", "x"};
  CargoPlan p = plan_cargo(r);
  EXPECT_EQ(p.argv[1], "r");
  EXPECT_EQ(Argv(p.argv.end() - 4, p.argv.end()), (Argv{"--release", "--", "--target", "x"}));
}

TEST(PlanCargo, RefusesTheUsersOwnTarget) {
  CargoRequest r = nightly_linux();
  r.user_args = {"build", "--target", "x86_64-unknown-linux-gnu"};
  EXPECT_THROW(plan_cargo(r), UsageError);
}

TEST(PlanCargo, UnknownSubcommandIsAUsageErrorWithDidYouMean) {
  CargoRequest r = nightly_linux();
  r.user_args = {"biuld"};
  try {
    plan_cargo(r);
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean 'build'"), std::string::npos) << e.what();
  }
  r.user_args = {};
  EXPECT_THROW(plan_cargo(r), UsageError);
}

TEST(PlanCargo, SubcommandTableIsSorted) {
  const auto& names = cargo_build_subcommands();
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
}

} // namespace
} // namespace xport::rust
