// The catalog across files: inheritance at any depth and across built-in and user files,
// provenance, list semantics, the search path, and the problems that span files.
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "load_helpers.hpp"

namespace xport::target {
namespace {

using testing::load_texts;
using testing::problems_of;
using testing::problems_with;
namespace fs = std::filesystem;

// A user profile three levels deep: myos -> x86_64-unknown-genode -> x86_64-unknown-freebsd
// (-> freebsd-base).
const ProfileText myos{"user/myos.toml", R"(name = "x86_64-unknown-myos"
inherits = "x86_64-unknown-genode"
description = "Genode with a custom loader"
dynamic-linker = "/lib/ld.lib.so"
link-flags = { append = ["-z", "max-page-size=0x1000"] }
library-dirs = { prepend = ["lib"] }
loader-relocations = { remove = ["R_X86_64_IRELATIVE"] }
[rust.overrides]
dynamic-linking = false
)"};

TEST(Catalog, ResolvesAUserProfileThreeLevelsDeep) {
  ResolvedProfile r = load_texts({myos}).resolve("x86_64-unknown-myos");
  EXPECT_EQ(r.profile.inherits_chain,
            (std::vector<std::string>{"x86_64-unknown-myos", "x86_64-unknown-genode",
                                      "x86_64-unknown-freebsd", "freebsd-base"}));
  EXPECT_EQ(r.profile.tls_model, TlsModel::emulated);         // from genode
  EXPECT_EQ(r.profile.llvm_triple, "x86_64-unknown-freebsd"); // from freebsd
  EXPECT_EQ(r.profile.cxx_stdlib, CxxStdlib::libcxx);         // from freebsd-base
  EXPECT_EQ(r.profile.dynamic_linker, "/lib/ld.lib.so");      // its own
  EXPECT_EQ(r.profile.description, "Genode with a custom loader");
  ASSERT_TRUE(r.profile.rust);
  EXPECT_EQ(r.profile.rust->overrides, (nlohmann::json{{"dynamic-linking", false}}));
}

TEST(Catalog, ToolMinimumsInheritAndEachPartCanBeOverridden) {
  ProfileText emulated{"user/rv-emutls.toml", R"(name = "riscv64-emutls"
inherits = "riscv64-unknown-linux-gnu"
description = "riscv64 glibc, TLS emulated"
tls-model = "emulated"
[min-clang]
version = 17
reason = "clang before 17 ignores -femulated-tls on RISC-V"
)"};
  ProfileText stricter{"user/rv-strict.toml", R"(name = "riscv64-strict"
inherits = "riscv64-emutls"
description = "needs clang 18"
min-clang.version = 18
)"};
  Catalog c = load_texts({emulated, stricter});
  Profile e = c.resolve("riscv64-emutls").profile;
  EXPECT_EQ(e.min_clang.version, 17);
  EXPECT_EQ(e.min_lld.version, 15); // from riscv64-unknown-linux-gnu
  ResolvedProfile s = c.resolve("riscv64-strict");
  EXPECT_EQ(s.profile.min_clang.version, 18);
  EXPECT_EQ(s.profile.min_clang.reason, "clang before 17 ignores -femulated-tls on RISC-V");
  EXPECT_EQ(s.origins.at("min-clang.version").file, "user/rv-strict.toml");
  EXPECT_EQ(s.origins.at("min-clang.reason").file, "user/rv-emutls.toml");
}

TEST(Catalog, EachFieldNamesTheFileLineAndColumnThatSetItLast) {
  ResolvedProfile r = load_texts({myos}).resolve("x86_64-unknown-myos");
  auto origin = [&](const std::string& key) {
    const FieldOrigin& o = r.origins.at(key);
    return o.file + ":" + std::to_string(o.line) + ":" + std::to_string(o.column);
  };
  EXPECT_EQ(origin("dynamic-linker"), "user/myos.toml:4:1");
  EXPECT_EQ(origin("link-flags"), "user/myos.toml:5:1");
  EXPECT_EQ(origin("rust.overrides.dynamic-linking"), "user/myos.toml:9:1");
  EXPECT_TRUE(origin("tls-model").starts_with("targets/x86_64-unknown-genode.toml:"));
  EXPECT_TRUE(origin("llvm-triple").starts_with("targets/x86_64-unknown-freebsd.toml:"));
  EXPECT_TRUE(origin("cxx-stdlib").starts_with("targets/freebsd-base.toml:"));
}

TEST(Catalog, ListsReplaceByDefaultAndEditWhenAsked) {
  Catalog c = load_texts({myos,
                          {"user/replace.toml", "name = \"replaced\"\n"
                                                "inherits = \"x86_64-unknown-freebsd\"\n"
                                                "library-dirs = [\"opt/lib\"]\n"}});
  Profile base = c.resolve("x86_64-unknown-genode").profile;
  Profile edited = c.resolve("x86_64-unknown-myos").profile;
  EXPECT_EQ(edited.link_flags, (std::vector<std::string>{"-z", "max-page-size=0x1000"}));
  EXPECT_EQ(edited.library_dirs, (std::vector<std::string>{"lib", "usr/lib"}));
  std::vector<std::string> want = base.loader_relocations;
  std::erase(want, "R_X86_64_IRELATIVE");
  EXPECT_EQ(edited.loader_relocations, want);
  EXPECT_EQ(c.resolve("replaced").profile.library_dirs, std::vector<std::string>{"opt/lib"});
}

TEST(Catalog, NameAndDescriptionAreNotInherited) {
  Catalog c =
      load_texts({{"user/bare.toml", "name = \"bare\"\ninherits = \"x86_64-unknown-netbsd\"\n"}});
  ResolvedProfile r = c.resolve("bare");
  EXPECT_EQ(r.profile.name, "bare");
  EXPECT_EQ(r.profile.description, "");
  EXPECT_EQ(r.origins.at("name").file, "user/bare.toml");
}

TEST(Catalog, UnknownBaseSuggestsTheNearestNames) {
  auto problems =
      problems_of({{"user/a.toml", "name = \"a\"\ninherits = \"x86_64-unknown-freebds\"\n"}});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].where.file, "user/a.toml");
  EXPECT_EQ(problems[0].where.line, 2);
  EXPECT_EQ(problems[0].where.column, 1);
  EXPECT_NE(
      problems[0].message.find("unknown base 'x86_64-unknown-freebds' in 'inherits' (did you mean "
                               "'x86_64-unknown-freebsd'"),
      std::string::npos)
      << problems[0].message;
}

TEST(Catalog, InheritanceCycleIsPrintedOnceAsTheLoop) {
  auto problems = problems_of({{"user/a.toml", "name = \"a\"\ninherits = \"b\"\n"},
                               {"user/b.toml", "name = \"b\"\ninherits = \"c\"\n"},
                               {"user/c.toml", "name = \"c\"\ninherits = \"a\"\n"}},
                              /*builtins=*/false);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].str(), "user/a.toml:2:1: inheritance cycle: a (user/a.toml) -> b "
                               "(user/b.toml) -> c (user/c.toml) -> a; break it by changing one "
                               "'inherits'");
}

TEST(Catalog, SelfInheritanceIsACycle) {
  auto problems = problems_of({{"user/a.toml", "name = \"a\"\ninherits = \"a\"\n"}}, false);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("inheritance cycle: a (user/a.toml) -> a"), std::string::npos);
}

TEST(Catalog, DuplicateNameNamesBothFiles) {
  auto problems = problems_of({{"user/one.toml", "name = \"twin\"\nabstract = true\n"},
                               {"user/two.toml", "# the same name again\nname = \"twin\"\n"
                                                 "abstract = true\n"}});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].where.file, "user/two.toml");
  EXPECT_EQ(problems[0].where.line, 2);
  EXPECT_NE(problems[0].message.find("duplicate target 'twin': also defined in user/one.toml:1:1"),
            std::string::npos);
}

TEST(Catalog, AUserFileCannotRedefineABuiltInTarget) {
  auto problems = problems_of({{"user/fb.toml", "name = \"x86_64-unknown-freebsd\"\n"
                                                "abstract = true\n"}});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("targets/x86_64-unknown-freebsd.toml"), std::string::npos);
}

TEST(Catalog, UsableTargetsMustEndUpWithTheirTriple) {
  auto problems = problems_of({{"user/half.toml", "name = \"half\"\narch = \"x86_64\"\n"}});
  ASSERT_EQ(problems.size(), 2u); // llvm-triple and os
  EXPECT_NE(problems[0].message.find("does not set 'llvm-triple'"), std::string::npos);
  EXPECT_TRUE(problems_of({{"user/half.toml", "name = \"half\"\nabstract = true\n"}}).empty());
}

TEST(Catalog, ProblemsInSeveralFilesAreAllReported) {
  auto problems = problems_of({{"user/a.toml", "name = \"a\"\ninherits = \"nowhere\"\n"},
                               {"user/b.toml", "name = \"b\"\nlinker = 3\nabstract = true\n"}});
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].where.file, "user/a.toml");
  EXPECT_EQ(problems[1].where.file, "user/b.toml");
}

TEST(Catalog, UnknownTargetSuggestsTheNearest) {
  try {
    load_texts({}).resolve("x86_64-unknown-genod");
    FAIL() << "expected UnknownTarget";
  } catch (const UnknownTarget& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean 'x86_64-unknown-genode'"),
              std::string::npos);
  }
}

class CatalogOnDisk : public ::testing::Test {
protected:
  void SetUp() override {
    root_ =
        fs::temp_directory_path() /
        ("xport-catalog-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::permissions(root_ / "locked.toml", fs::perms::owner_all, ec);
    fs::remove_all(root_, ec);
  }
  fs::path write(const fs::path& relative, std::string_view text) {
    fs::path p = root_ / relative;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
    return p;
  }
  fs::path root_;
};

TEST_F(CatalogOnDisk, SearchesTheProjectFolderThenTheConfigFolderThenProfileFiles) {
  write("project/xport/targets/level1.toml",
        "name = \"level1\"\ninherits = \"x86_64-unknown-genode\"\nqemu = \"x86_64\"\n");
  write("config/xport/targets/level2.toml", "name = \"level2\"\ninherits = \"level1\"\n");
  write("config/xport/targets/notes.txt", "not a profile");
  fs::path given = write("elsewhere/level3.toml", "name = \"level3\"\ninherits = \"level2\"\n");
  SearchOptions options;
  options.search_dirs = {root_ / "project/xport/targets", root_ / "config/xport/targets"};
  options.profile_files = {given};
  Catalog c = Catalog::load(options);
  ResolvedProfile r = c.resolve("level3");
  EXPECT_EQ(r.profile.inherits_chain.size(), 6u);
  EXPECT_EQ(r.profile.qemu, "x86_64");
  EXPECT_EQ(r.origins.at("qemu").file, (root_ / "project/xport/targets/level1.toml").string());
  EXPECT_EQ(c.file_of("level2"), (root_ / "config/xport/targets/level2.toml").string());
}

TEST_F(CatalogOnDisk, DefaultSearchDirsFollowXdgConfigHome) {
  const char* old = std::getenv("XDG_CONFIG_HOME");
  std::string saved = old ? old : "";
  setenv("XDG_CONFIG_HOME", (root_ / "cfg").c_str(), 1);
  std::vector<fs::path> dirs = default_search_dirs();
  if (old)
    setenv("XDG_CONFIG_HOME", saved.c_str(), 1);
  else
    unsetenv("XDG_CONFIG_HOME");
  ASSERT_EQ(dirs.size(), 2u);
  EXPECT_EQ(dirs[0], fs::path("xport/targets"));
  EXPECT_EQ(dirs[1], root_ / "cfg/xport/targets");
}

TEST_F(CatalogOnDisk, TheSameFileThroughTwoRoutesLoadsOnce) {
  fs::path p = write("dir/one.toml", "name = \"one\"\ninherits = \"x86_64-unknown-netbsd\"\n");
  SearchOptions options;
  options.search_dirs = {root_ / "dir"};
  options.profile_files = {p};
  EXPECT_TRUE(problems_with(options).empty());
}

TEST_F(CatalogOnDisk, UnreadableFileNamesThePathAndTheReason) {
  SearchOptions options;
  options.user_dirs = false;
  options.profile_files = {root_ / "missing.toml"};
  auto problems = problems_with(options);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].str(), (root_ / "missing.toml").string() +
                                   ": cannot read profile file (given with --profile): No such "
                                   "file or directory");

  options.profile_files = {root_};
  problems = problems_with(options);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("is a directory"), std::string::npos);
}

TEST_F(CatalogOnDisk, UnreadablePermissionIsReported) {
  fs::path p = write("locked.toml", "name = \"locked\"\nabstract = true\n");
  fs::permissions(p, fs::perms::none);
  if (std::FILE* f = std::fopen(p.c_str(), "r")) { // root reads anything
    std::fclose(f);
    GTEST_SKIP() << "running as root: permissions do not stop reads";
  }
  SearchOptions options;
  options.user_dirs = false;
  options.profile_files = {p};
  auto problems = problems_with(options);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("Permission denied"), std::string::npos);
}

} // namespace
} // namespace xport::target
