// Symbol files (Genode's format), finding a tree inside a medium, and the APIs of a build.
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include <gtest/gtest.h>

#include "sysroot/symbol_abi.hpp"
#include "test_archive.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"

namespace xport::sysroot {
namespace {

namespace fs = std::filesystem;
using testing::make_tar;
using testing::TestMember;

TEST(SymbolFile, EveryTypeAndItsSize) {
  auto symbols = parse_symbol_file("#\n# libc\n#\n\n_Exit T\n___mb_cur_max D 50\n__isthreaded B 4\n"
                                   "sys_errlist R 1544\nmalloc W\nenviron V\nmain U\n",
                                   "libc");
  ASSERT_EQ(symbols.size(), 7u);
  EXPECT_EQ(symbols[0].name, "_Exit");
  EXPECT_EQ(symbols[0].type, 'T');
  EXPECT_EQ(symbols[1].size, 50u);
  EXPECT_EQ(symbols[1].line, 6);
  EXPECT_TRUE(symbols[1].object());
  EXPECT_EQ(symbols[2].size, 4u);
  EXPECT_EQ(symbols[3].size, 1544u);
  EXPECT_FALSE(symbols[4].object());
  EXPECT_TRUE(symbols[5].object());
  EXPECT_FALSE(symbols[6].defined());
}

TEST(SymbolFile, BadLinesNameFileLineAndTheSyntax) {
  struct Bad {
    const char* text;
    const char* says;
  } cases[] = {
      {"ok T\nbroken\n", "libc:2: expected a name and one of the types"},
      {"x Q\n", "libc:1: expected a name and one of the types T W D B R U V"},
      {"x D\n", "libc:1: type D needs the object's size"},
      {"x D 4k\n", "libc:1: the size is not a decimal number"},
      {"x T 8\n", "libc:1: type T takes no size"},
      {"f;.incbin\"/etc/passwd\" T\n", "libc:1: a symbol name holds only letters"},
  };
  for (const Bad& c : cases) {
    try {
      parse_symbol_file(c.text, "libc");
      ADD_FAILURE() << c.text;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(c.says), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("'name D|B|R size'"), std::string::npos);
    }
  }
}

TEST(SymbolAbi, ApisMapToTheirLibrariesAndTheEnvironmentOverrides) {
  target::SymbolAbi abi;
  abi.apis = {"base", "libc", "posix"};
  abi.api_libraries = {{"base", {"ld"}}, {"libc", {"libc", "libm"}}};
  EXPECT_EQ(api_libraries(abi, abi.apis),
            (std::vector<std::string>{"ld", "libc", "libm", "posix"}));
  EXPECT_EQ(apis_in_use(abi, nullptr), abi.apis);
  EXPECT_EQ(apis_in_use(abi, ""), abi.apis);
  EXPECT_EQ(apis_in_use(abi, "base,libc posix,,genodelabs/api/stdcxx"),
            (std::vector<std::string>{"base", "libc", "posix", "stdcxx"}));
}

class SymbolAbiTree : public ::testing::Test {
protected:
  void SetUp() override {
    dir = fs::temp_directory_path() /
          ("xport-symbol-abi-" + std::to_string(::getpid()) + "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    fs::create_directories(dir);
    abi.link_script = "repos/base/src/ld/genode_dyn.ld";
  }
  void TearDown() override { fs::remove_all(dir); }
  fs::path dir;
  target::SymbolAbi abi;
};

TEST_F(SymbolAbiTree, FoundOneFolderDownInAnArchiveWithItsIdentity) {
  std::vector<std::byte> tar = make_tar({
      TestMember("genode-abi/README", AE_IFREG, "not the tree"),
      TestMember("genode-abi/genode/repos/base/lib/symbols/ld", AE_IFREG, "_start T\n"),
      TestMember("genode-abi/genode/repos/libports/lib/symbols/libc", AE_IFREG, "x D 8\n"),
      TestMember("genode-abi/genode/repos/base/src/ld/genode_dyn.ld", AE_IFREG, "SECTIONS {}\n"),
      TestMember("genode-abi/genode/doc/release_notes/24-11.txt", AE_IFREG, "notes"),
      TestMember("genode-abi/genode/doc/release_notes/25-05.txt", AE_IFREG, "notes"),
      TestMember("other/repos/evil/lib/symbols/libc", AE_IFREG, "y T\n"),
      TestMember("genode-abi/genode/repos/x/lib/symbols/..", AE_IFREG, "z T\n"),
  });
  std::optional<StagedTree> tree =
      stage_symbol_abi_tree({"genode.tar", {}, tar, ""}, abi, dir / "staging");
  ASSERT_TRUE(tree);
  EXPECT_EQ(tree->prefix, "genode-abi/genode");
  EXPECT_EQ(tree->identity.text(), "release 25.05 or later");
  EXPECT_EQ(tree->libraries.size(), 2u);
  EXPECT_EQ(tree->libraries.at("libc"), "repos/libports/lib/symbols/libc");
  EXPECT_TRUE(fs::exists(dir / "staging/symbol-abi/tree/repos/base/src/ld/genode_dyn.ld"));
  EXPECT_EQ(util::read_file(dir / "staging/symbol-abi/tree/repos/libports/lib/symbols/libc"),
            "x D 8\n");
  EXPECT_FALSE(fs::exists(dir / "staging/symbol-abi/tree/repos/evil"));
}

TEST_F(SymbolAbiTree, ACheckoutSaysItsCommit) {
  fs::path tree = dir / "genode";
  fs::create_directories(tree / "repos/base/lib/symbols");
  fs::create_directories(tree / "repos/base/src/ld");
  fs::create_directories(tree / ".git/refs/heads");
  util::write_file_atomically(tree / "repos/base/lib/symbols/ld", "_start T\n");
  util::write_file_atomically(tree / "repos/base/src/ld/genode_dyn.ld", "SECTIONS {}\n");
  util::write_file_atomically(tree / ".git/HEAD", "ref: refs/heads/master\n");
  util::write_file_atomically(tree / ".git/refs/heads/master",
                              "ffb059da4d8c1c1600ca6a66758302d3cb3c844e\n");
  std::optional<StagedTree> staged =
      stage_symbol_abi_tree({tree.string(), tree, {}, ""}, abi, dir / "staging");
  ASSERT_TRUE(staged);
  EXPECT_EQ(staged->prefix, "");
  EXPECT_EQ(staged->identity.text(), "commit ffb059da4d8c1c1600ca6a66758302d3cb3c844e");
}

TEST_F(SymbolAbiTree, AMediumWithoutTheMarkerIsNoTreeAndWritesNothing) {
  std::vector<std::byte> tar = make_tar({TestMember("usr/include/stdio.h", AE_IFREG, "int x;\n")});
  EXPECT_FALSE(stage_symbol_abi_tree({"base.tar", {}, tar, ""}, abi, dir / "staging"));
  EXPECT_FALSE(fs::exists(dir / "staging/symbol-abi"));
}

TEST_F(SymbolAbiTree, ABrokenSymbolFileOrAMissingRecipeIsNamed) {
  std::vector<std::byte> broken = make_tar({
      TestMember("g/repos/base/lib/symbols/ld", AE_IFREG, "_start T\nbad\n"),
      TestMember("g/repos/base/src/ld/genode_dyn.ld", AE_IFREG, "SECTIONS {}\n"),
  });
  try {
    stage_symbol_abi_tree({"g.tar", {}, broken, ""}, abi, dir / "a");
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("medium 'g.tar': g/repos/base/lib/symbols/ld:2:"),
              std::string::npos)
        << e.what();
  }
  std::vector<std::byte> no_recipe =
      make_tar({TestMember("g/repos/base/lib/symbols/ld", AE_IFREG, "_start T\n")});
  try {
    stage_symbol_abi_tree({"g.tar", {}, no_recipe, ""}, abi, dir / "b");
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("has no repos/base/src/ld/genode_dyn.ld"),
              std::string::npos)
        << e.what();
  }
}

} // namespace
} // namespace xport::sysroot
