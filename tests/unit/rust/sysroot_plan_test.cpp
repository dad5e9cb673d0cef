#include <algorithm>
#include <fstream>

#include <gtest/gtest.h>

#include "rust/sysroot_build.hpp"

namespace xport::rust {
namespace {

using nlohmann::json;
using Strings = std::vector<std::string>;

TEST(CompilerBuiltinsCfgs, FollowItsBuildScript) {
  json linux = {{"llvm-target", "x86_64-unknown-linux-gnu"}, {"os", "linux"}};
  EXPECT_EQ(compiler_builtins_cfgs(linux, "x86_64-linux-notls"),
            (Strings{"feature=\"unstable\"", "feature=\"mem-unaligned\""}));
  json bare = {{"llvm-target", "thumbv6m-none-eabi"}};
  EXPECT_EQ(compiler_builtins_cfgs(bare, "my-board"),
            (Strings{"feature=\"unstable\"", "feature=\"mem\"", "thumb", "thumb_1"}));
  json riscv = {{"llvm-target", "riscv64-unknown-linux-gnu"}, {"os", "linux"}};
  EXPECT_EQ(compiler_builtins_cfgs(riscv, "r"), Strings{"feature=\"unstable\""});
}

TEST(CompilerBuiltinsCfgs, UnalignedAccessIsTheArchitecturesOfItsBuildScript) {
  auto unaligned = [](const char* llvm_target) {
    Strings cfgs = compiler_builtins_cfgs({{"llvm-target", llvm_target}, {"os", "linux"}}, "t");
    return std::find(cfgs.begin(), cfgs.end(), "feature=\"mem-unaligned\"") != cfgs.end();
  };
  for (const char* yes : {"x86_64-unknown-linux-gnu", "i686-unknown-linux-gnu",
                          "aarch64-unknown-linux-musl", "bpfel-unknown-none"})
    EXPECT_TRUE(unaligned(yes)) << yes;
  for (const char* no :
       {"i586-unknown-linux-gnu", "armv7-unknown-linux-gnueabihf", "riscv64-unknown-linux-gnu",
        "s390x-unknown-linux-gnu", "powerpc64le-unknown-linux-gnu"})
    EXPECT_FALSE(unaligned(no)) << no;
}

TEST(PlanSysroot, BuildsEachCrateIntoTheTargetsLibFolder) {
  SysrootInputs in;
  in.rustc = "/usr/bin/rustc";
  in.spec_file = "/s/x86_64-linux-notls.json";
  in.target_name = "x86_64-linux-notls";
  in.spec = {{"llvm-target", "x86_64-unknown-linux-gnu"}, {"os", "linux"}};
  in.crates = {{"core", "/lib/core", "0.0.0", "2021"},
               {"compiler_builtins", "/reg/compiler_builtins-0.1.70", "0.1.70", "2015"},
               {"alloc", "/lib/alloc", "0.0.0", "2021"}};
  in.panic = "abort";
  in.key = "k";
  std::vector<RustcStep> steps = plan_sysroot(in, "/out");
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[0].crate, "core");
  const Strings& core = steps[0].argv;
  EXPECT_EQ(Strings(core.begin(), core.begin() + 8),
            (Strings{"/usr/bin/rustc", "--crate-name", "core", "--crate-type", "rlib", "--edition",
                     "2021", "/lib/core/src/lib.rs"}));
  auto has = [](const Strings& argv, const Strings& seq) {
    return std::search(argv.begin(), argv.end(), seq.begin(), seq.end()) != argv.end();
  };
  EXPECT_TRUE(has(core, {"--out-dir", "/out/lib/rustlib/x86_64-linux-notls/lib"}));
  EXPECT_TRUE(has(core, {"--sysroot", "/out"}));
  EXPECT_TRUE(has(core, {"--target", "/s/x86_64-linux-notls.json"}));
  EXPECT_TRUE(has(core, {"-Z", "force-unstable-if-unmarked"}));
  EXPECT_TRUE(has(core, {"-C", "panic=abort"}));
  EXPECT_FALSE(has(core, {"--cfg", "feature=\"rustc-dep-of-std\""}));

  const Strings& cb = steps[1].argv;
  EXPECT_TRUE(has(cb, {"--edition", "2015", "/reg/compiler_builtins-0.1.70/src/lib.rs"}));
  EXPECT_TRUE(has(cb, {"--cfg", "feature=\"rustc-dep-of-std\""}));
  EXPECT_TRUE(has(cb, {"--cfg", "feature=\"compiler-builtins\""}));
  EXPECT_TRUE(has(cb, {"--cfg", "feature=\"mem-unaligned\""}));
  EXPECT_TRUE(has(cb, {"--cap-lints", "allow"}));
  // Distinct crate hashes, so the three rlibs never collide.
  EXPECT_NE(std::find(core.begin(), core.end(), "-C"), core.end());
  auto metadata = [](const Strings& argv) {
    return *std::find_if(argv.begin(), argv.end(),
                         [](const std::string& a) { return a.starts_with("metadata="); });
  };
  EXPECT_NE(metadata(core), metadata(cb));
  EXPECT_NE(metadata(cb), metadata(steps[2].argv));
}

TEST(ReadCrate, ReadsNameVersionAndEditionDefaulting2015) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "xport-read-crate-test";
  std::filesystem::create_directories(dir);
  {
    std::ofstream(dir / "Cargo.toml") << "[package]\nname = \"compiler_builtins\"\n"
                                         "version = \"0.1.70\"\n";
  }
  CrateSource c = read_crate(dir);
  EXPECT_EQ(c.name, "compiler_builtins");
  EXPECT_EQ(c.version, "0.1.70");
  EXPECT_EQ(c.edition, "2015");
  std::filesystem::remove_all(dir);
}

} // namespace
} // namespace xport::rust
