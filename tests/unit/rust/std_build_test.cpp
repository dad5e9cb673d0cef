#include <algorithm>

#include <gtest/gtest.h>

#include "rust/std_build.hpp"

namespace xport::rust {
namespace {

using Argv = std::vector<std::string>;

StdBuild vendored_std() {
  StdBuild b;
  b.cargo = "/usr/bin/cargo";
  b.rustc = "/usr/bin/rustc";
  b.json_target_spec_flag = true;
  b.spec_file = "/cache/specs/k/x86_64-unknown-genode.json";
  b.target_name = "x86_64-unknown-genode";
  b.library = "/usr/lib/rustlib/src/rust/library";
  b.vendor = "/usr/lib/rustlib/src/rust/library/vendor";
  b.crates = {"std", "panic_abort", "test"};
  b.dir = "/cache/std/x86_64-unknown-genode-k";
  return b;
}

bool has(const Argv& argv, const std::string& word) {
  return std::find(argv.begin(), argv.end(), word) != argv.end();
}

TEST(PlanStdBuild, VendoredSourceReplacesCratesIoOfflineForTheStdWorkspaceOnly) {
  CargoPlan p = plan_std_build(vendored_std(), "/w", "/t", {{"PATH", "/usr/bin"}});
  EXPECT_EQ(Argv(p.argv.begin(), p.argv.begin() + 7),
            (Argv{"/usr/bin/cargo", "build", "--release", "-Z", "build-std=std,panic_abort,test",
                  "-Z", "json-target-spec"}));
  EXPECT_TRUE(has(p.argv, "--offline"));
  EXPECT_TRUE(has(p.argv, "source.crates-io.replace-with=\"xport-library-vendor\""));
  EXPECT_TRUE(has(p.argv, "source.xport-library-vendor.directory="
                          "\"/usr/lib/rustlib/src/rust/library/vendor\""));
  EXPECT_TRUE(has(p.argv, "/w/Cargo.toml")) << "the private workspace, not the user's";
  EXPECT_EQ(p.env.at("RUSTC_BOOTSTRAP"), "1");
  EXPECT_EQ(p.env.at("RUSTC"), "/usr/bin/rustc");
}

TEST(PlanStdBuild, WithoutVendorCargoFetchesAsUsual) {
  StdBuild b = vendored_std();
  b.vendor.clear();
  CargoPlan p = plan_std_build(b, "/w", "/t", {});
  EXPECT_FALSE(has(p.argv, "--offline"));
  EXPECT_FALSE(has(p.argv, "--config"));
}

TEST(PlanStdBuild, OneProjectsSettingsNeverReachTheSharedStd) {
  CargoPlan p = plan_std_build(vendored_std(), "/w", "/t",
                               {{"RUSTFLAGS", "-C target-cpu=native"},
                                {"CARGO_PROFILE_RELEASE_PANIC", "abort"},
                                {"CARGO_TARGET_DIR", "/elsewhere"},
                                {"HOME", "/root"}});
  EXPECT_EQ(p.env.count("RUSTFLAGS"), 0u);
  EXPECT_EQ(p.env.count("CARGO_PROFILE_RELEASE_PANIC"), 0u);
  EXPECT_EQ(p.env.count("CARGO_TARGET_DIR"), 0u);
  EXPECT_EQ(p.env.at("HOME"), "/root");
  EXPECT_TRUE(has(p.env_changes, "-RUSTFLAGS"));
}

TEST(PlanStdBuild, NoStdProfilesBuildCoreAndAllocWithMemFunctions) {
  StdBuild b = vendored_std();
  b.crates = {"core", "alloc"};
  b.features = {"compiler-builtins-mem"};
  b.nightly = true;
  CargoPlan p = plan_std_build(b, "/w", "/t", {{"RUSTC_BOOTSTRAP", "1"}});
  EXPECT_TRUE(has(p.argv, "build-std=core,alloc"));
  EXPECT_TRUE(has(p.argv, "build-std-features=compiler-builtins-mem"));
  EXPECT_EQ(p.env.count("RUSTC_BOOTSTRAP"), 0u);
}

TEST(StdBuild, LibDirIsWhereRustcLooksForTheTarget) {
  EXPECT_EQ(vendored_std().lib_dir(),
            "/cache/std/x86_64-unknown-genode-k/lib/rustlib/x86_64-unknown-genode/lib");
}

TEST(StdBuild, WorkspaceCompilesPanicAbortWithAbortAndIsItsOwnWorkspace) {
  std::string manifest = std_workspace_manifest(vendored_std());
  EXPECT_NE(manifest.find("[profile.release.package.panic_abort]\nrustflags = [\"-Cpanic=abort\"]"),
            std::string::npos)
      << manifest;
  EXPECT_NE(manifest.find("cargo-features = [\"profile-rustflags\"]"), std::string::npos);
  EXPECT_NE(manifest.find("\n[workspace]\n"), std::string::npos)
      << "no parent folder's workspace may claim the crate";
}

} // namespace
} // namespace xport::rust
