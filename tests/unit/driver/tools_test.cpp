// Choosing clang and lld on a machine laid out like Debian's (a fake file system: /usr/bin/clang-N
// links into /usr/lib/llvm-N/bin, whose programs are scripts that answer -dumpversion), and
// holding them to a profile's min-clang and min-lld.
#include <chrono>
#include <fstream>
#include <functional>
#include <unistd.h>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "driver/tools.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/fnv.hpp"

namespace xport::driver {
namespace {

namespace fs = std::filesystem;

class Tools : public ::testing::Test {
protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    root_ = fs::temp_directory_path() /
            ("xport-tools-" + std::to_string(::getpid()) + "-" + info->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "usr/bin");
  }
  void TearDown() override { fs::remove_all(root_); }

  static void script(const fs::path& file, const std::string& version) {
    fs::create_directories(file.parent_path());
    std::ofstream(file) << "#!/bin/sh\necho " << version << "\n";
    fs::permissions(file, fs::perms::owner_all);
  }

  // clang-N (and clang++-N) in usr/bin linked to usr/lib/llvm-N/bin, with that folder's ld.lld
  // when `with_lld`.
  void install(int major, bool with_lld) {
    fs::path bin = root_ / ("usr/lib/llvm-" + std::to_string(major)) / "bin";
    script(bin / "clang", std::to_string(major) + ".0.1");
    script(bin / "clang++", std::to_string(major) + ".0.1");
    fs::create_symlink(bin / "clang", root_ / "usr/bin" / ("clang-" + std::to_string(major)));
    fs::create_symlink(bin / "clang++", root_ / "usr/bin" / ("clang++-" + std::to_string(major)));
    if (with_lld) {
      script(bin / "ld.lld", "lld");
      fs::create_symlink(bin / "ld.lld", root_ / "usr/bin" / ("ld.lld-" + std::to_string(major)));
    }
  }

  util::Environment env(const std::string& clang = "") const {
    util::Environment e{{"PATH", (root_ / "usr/bin").string()}};
    if (!clang.empty())
      e["XPORT_CLANG"] = clang;
    return e;
  }

  // An environment with a cache folder, and every file and folder made so far a minute old (a
  // choice that depends on anything newer than two seconds is not kept).
  util::Environment settled_env() {
    auto past = fs::file_time_type::clock::now() - std::chrono::minutes(1);
    for (const auto& entry : fs::recursive_directory_iterator(root_))
      if (!entry.is_symlink())
        fs::last_write_time(entry.path(), past);
    fs::last_write_time(root_, past);
    util::Environment e = env();
    e["XDG_CACHE_HOME"] = (root_ / "cache").string();
    return e;
  }
  // The file that keeps the choice for the PATH of env().
  fs::path kept_choice() const {
    return root_ / "cache/xport/driver" /
           fmt::format("clang-choice-{:016x}", util::Fnv64().add(env().at("PATH")).h);
  }

  // Replaces the "chosen-by" line of the kept choice, to tell a kept answer from a new one.
  void mark_kept_choice() {
    std::string text = util::read_file(kept_choice());
    auto at = text.find("chosen-by\t");
    ASSERT_NE(at, std::string::npos) << text;
    text.replace(at, text.find('\n', at) - at, "chosen-by\tkept");
    std::ofstream(kept_choice()) << text;
  }

  std::string message_of(const std::function<void()>& f) {
    try {
      f();
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  }

  fs::path root_;
};

TEST_F(Tools, InstalledMajorsAreNewestFirstAndOnlyExecutableClangN) {
  install(14, true);
  install(19, true);
  install(16, false);
  std::ofstream(root_ / "usr/bin/clang-17") << "not executable";
  script(root_ / "usr/bin/clang-format-14", "no");
  script(root_ / "other/clang-19", "19.1.0"); // a second folder with the same major
  std::string path = (root_ / "usr/bin").string() + ":" + (root_ / "other").string();
  EXPECT_EQ(installed_clang_majors(path), (std::vector<int>{19, 16, 14}));
}

TEST_F(Tools, TheNewestClangWithItsOwnLldIsTheDefault) {
  install(14, true);
  install(16, false);
  install(19, true);
  FoundClang c = find_clang(env());
  EXPECT_EQ(c.major, 19);
  EXPECT_EQ(c.c, root_ / "usr/bin/clang-19");
  EXPECT_EQ(c.cxx, root_ / "usr/bin/clang++-19");
  EXPECT_EQ(c.lld, root_ / "usr/lib/llvm-19/bin/ld.lld");
  EXPECT_EQ(c.lld_major, 19);
  EXPECT_EQ(c.installed, (std::vector<int>{19, 16, 14}));
  std::string line = describe(c);
  EXPECT_NE(line.find("clang 19 (" + (root_ / "usr/bin/clang-19").string() + ")"),
            std::string::npos)
      << line;
  EXPECT_NE(line.find("ld.lld 19"), std::string::npos) << line;
  EXPECT_NE(line.find("installed: 19, 16, 14"), std::string::npos) << line;
}

TEST_F(Tools, AClangWithoutItsLldIsPassedOver) {
  install(14, true);
  install(16, false);
  FoundClang c = find_clang(env());
  EXPECT_EQ(c.major, 14);
  EXPECT_EQ(c.lld, root_ / "usr/lib/llvm-14/bin/ld.lld");
}

TEST_F(Tools, AVersionOrAPathSelectsThatClang) {
  install(14, true);
  install(19, true);
  FoundClang by_version = find_clang(env("14"));
  EXPECT_EQ(by_version.c, root_ / "usr/bin/clang-14");
  EXPECT_EQ(by_version.lld_major, 14);
  EXPECT_EQ(by_version.chosen_by, "chosen by --clang/XPORT_CLANG=14");
  FoundClang by_path = find_clang(env((root_ / "usr/lib/llvm-14/bin/clang").string()));
  EXPECT_EQ(by_path.major, 14);
  EXPECT_EQ(by_path.cxx, root_ / "usr/lib/llvm-14/bin/clang++");
}

TEST_F(Tools, AnAbsentVersionNamesTheInstalledOnesAndThePackages) {
  install(14, true);
  install(19, true);
  std::string m = message_of([&] { find_clang(env("17")); });
  EXPECT_NE(m.find("asks for clang 17, but clang-17 is not in PATH (installed: 19, 14)"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("apt-get install clang-17 lld-17"), std::string::npos) << m;
  m = message_of([&] { find_clang(env("/no/such/clang")); });
  EXPECT_NE(m.find("'/no/such/clang', which is not an executable program"), std::string::npos) << m;
}

TEST_F(Tools, ATooOldClangNamesBothVersionsTheReasonAndANewerInstalledOne) {
  install(14, true);
  install(19, true);
  target::Profile p;
  p.name = "riscv64-emutls";
  p.min_clang = {17, "clang before 17 ignores -femulated-tls on RISC-V"};
  FoundClang old = find_clang(env("14"));
  std::string m = message_of([&] { require_versions(p, old, false); });
  EXPECT_NE(m.find("target riscv64-emutls needs clang 17 or later (profile key min-clang: clang "
                   "before 17 ignores -femulated-tls on RISC-V), but the chosen clang is 14"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("select clang 19 (with lld 19) with '--clang 19' or XPORT_CLANG=19"),
            std::string::npos)
      << m;
  FoundClang newest = find_clang(env());
  EXPECT_NO_THROW(require_versions(p, newest, true));
}

TEST_F(Tools, WithoutANewEnoughClangTheErrorSaysWhatToInstall) {
  install(14, true);
  target::Profile p;
  p.name = "riscv64-unknown-linux-gnu";
  p.min_lld = {15, "lld before 15 cannot relax R_RISCV_ALIGN"};
  FoundClang c = find_clang(env());
  EXPECT_NO_THROW(require_versions(p, c, false)) << "compiling alone runs no lld";
  std::string m = message_of([&] { require_versions(p, c, true); });
  EXPECT_NE(m.find("needs lld 15 or later to link (profile key min-lld: lld before 15 cannot "
                   "relax R_RISCV_ALIGN), but the chosen clang 14"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("runs ld.lld 14"), std::string::npos) << m;
  EXPECT_NE(m.find("install a newer one with 'apt-get install clang-19 lld-19' and select it "
                   "with '--clang 19'"),
            std::string::npos)
      << m;
}

TEST_F(Tools, AClangOfUnknownVersionIsAskedWhenAProfileSetsAMinimum) {
  script(root_ / "opt/cc/bin/clang", "17.0.6");
  target::Profile p;
  p.name = "t";
  FoundClang c = find_clang(env((root_ / "opt/cc/bin/clang").string()));
  EXPECT_EQ(c.major, 0);
  p.min_clang = {17, ""};
  EXPECT_NO_THROW(require_versions(p, c, false));
  EXPECT_EQ(c.major, 17);
  p.min_clang = {18, ""};
  std::string m = message_of([&] { require_versions(p, c, false); });
  EXPECT_NE(m.find("needs clang 18 or later (profile key min-clang: no reason given), but the "
                   "chosen clang is 17"),
            std::string::npos)
      << m;
}

TEST_F(Tools, LldIsRequiredOnlyWhereTheProfileLinksWithIt) {
  script(root_ / "opt/cc/bin/clang", "19.1.0");
  target::Profile p;
  p.name = "t";
  FoundClang c = find_clang(env((root_ / "opt/cc/bin/clang").string()));
  EXPECT_TRUE(c.lld.empty());
  std::string m = message_of([&] { linker_flag(p, c); });
  EXPECT_NE(m.find("lld is not installed"), std::string::npos) << m;
  p.linker = "bfd";
  EXPECT_EQ(linker_flag(p, c), "-fuse-ld=bfd");
}

TEST_F(Tools, TheDefaultChoiceIsKeptWhileNothingItDependsOnChanges) {
  install(14, true);
  install(19, true);
  util::Environment e = settled_env();
  FoundClang first = find_clang(e);
  EXPECT_EQ(first.major, 19);
  ASSERT_TRUE(fs::exists(kept_choice()));
  mark_kept_choice();
  FoundClang kept = find_clang(e);
  EXPECT_EQ(kept.chosen_by, "kept");
  EXPECT_EQ(kept.c, first.c);
  EXPECT_EQ(kept.cxx, first.cxx);
  EXPECT_EQ(kept.lld, first.lld);
  EXPECT_EQ(kept.lld_major, 19);
  EXPECT_EQ(kept.installed, first.installed);
  EXPECT_EQ(describe(kept), describe(first).replace(describe(first).find(first.chosen_by),
                                                    first.chosen_by.size(), "kept"));
  // Another PATH is another question.
  e["PATH"] += ":" + (root_ / "other").string();
  EXPECT_EQ(find_clang(e).chosen_by, "the newest clang-N in PATH with its lld");
}

TEST_F(Tools, ANewClangOrAnLldBesideAPassedOverOneIsSeen) {
  install(14, true);
  install(16, false);
  util::Environment e = settled_env();
  EXPECT_EQ(find_clang(e).major, 14);
  mark_kept_choice();
  EXPECT_EQ(find_clang(e).chosen_by, "kept");
  // lld 16 lands in clang 16's own folder only: PATH's folders do not change.
  script(root_ / "usr/lib/llvm-16/bin/ld.lld", "lld");
  FoundClang c = find_clang(e);
  EXPECT_EQ(c.major, 16);
  EXPECT_EQ(c.chosen_by, "the newest clang-N in PATH with its lld");
  // A new clang-N in PATH.
  install(19, true);
  EXPECT_EQ(find_clang(e).major, 19);
}

TEST_F(Tools, ADamagedKeptChoiceOrARelativePathFolderOnlyCostsANewSearch) {
  install(19, true);
  util::Environment e = settled_env();
  fs::create_directories(kept_choice().parent_path());
  for (std::string text :
       std::vector<std::string>{"", "xport clang choice 1\npath\t", "garbage\n",
                                "xport clang choice 1\npath\t" + e["PATH"] + "\nmajor\tx\n"}) {
    std::ofstream(kept_choice()) << text;
    EXPECT_EQ(find_clang(e).major, 19) << text;
  }
  fs::remove(kept_choice());
  e["PATH"] += ":bin";
  EXPECT_EQ(find_clang(e).major, 19);
  EXPECT_TRUE(fs::is_empty(kept_choice().parent_path()))
      << "the answer depends on the working folder";
}

TEST_F(Tools, AChoiceMadeFromFoldersChangedJustNowIsNotKept) {
  install(19, true);
  util::Environment e = env();
  e["XDG_CACHE_HOME"] = (root_ / "cache").string();
  EXPECT_EQ(find_clang(e).major, 19);
  EXPECT_FALSE(fs::exists(kept_choice()));
}

TEST_F(Tools, AnExplicitChoiceListsNoFolders) {
  install(14, true);
  install(19, true);
  FoundClang c = find_clang(env("14"));
  EXPECT_FALSE(c.installed_listed);
  EXPECT_EQ(describe(c).find("installed"), std::string::npos) << describe(c);
}

} // namespace
} // namespace xport::driver
