// The report `xport check` prints: files that cannot be read as findings, --only and --ignore,
// the error count behind the exit status, the summary line and the JSON document.
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "elf/check_report.hpp"
#include "test_dir.hpp"

namespace xport::elf {
namespace {

namespace fs = std::filesystem;

using testing::test_dir;

// An x86_64 object whose functions read a thread-local through %fs.
fs::path tls_object(const fs::path& dir) {
  fs::path src = dir / "tls.c";
  std::ofstream(src) << "_Thread_local int counter;\nint bump(void) { return ++counter; }\n";
  fs::path out = dir / "tls.o";
  std::string cmd =
      "clang -target x86_64-unknown-freebsd -O1 -c " + src.string() + " -o " + out.string();
  if (std::system(cmd.c_str()) != 0)
    throw std::runtime_error("cannot run: " + cmd);
  return out;
}

// TLS emulated, so every %fs read is an error.
CheckContext emulated_tls_context() {
  CheckContext context;
  target::Profile& p = context.profile;
  p.name = "x86_64-test";
  p.llvm_triple = "x86_64-unknown-freebsd";
  p.arch = "x86_64";
  p.pointer_width = 64;
  p.tls_model = target::TlsModel::emulated;
  p.thread_pointer = target::ThreadPointer::fs;
  return context;
}

std::vector<Code> codes(const CheckReport& report) {
  std::vector<Code> out;
  for (const Finding& f : report.findings)
    out.push_back(f.code);
  return out;
}

TEST(CodeFilter, OnlyNarrowsAndIgnoreWins) {
  EXPECT_TRUE(CodeFilter{}.keeps(Code::malformed));
  CodeFilter only{{Code::thread_pointer_read}, {}};
  EXPECT_TRUE(only.keeps(Code::thread_pointer_read));
  EXPECT_FALSE(only.keeps(Code::malformed));
  CodeFilter both{{Code::thread_pointer_read}, {Code::thread_pointer_read}};
  EXPECT_FALSE(both.keeps(Code::thread_pointer_read));
  EXPECT_FALSE((CodeFilter{{}, {Code::malformed}}.keeps(Code::malformed)));
}

TEST(CheckReport, UnreadableFilesAreMalformedFindingsInTheOrderGiven) {
  fs::path dir = test_dir();
  std::ofstream(dir / "notes.txt") << "not an ELF file\n";
  const std::string missing = (dir / "missing.o").string();
  const std::string text = (dir / "notes.txt").string();
  CheckReport report = check_files({missing, text}, emulated_tls_context(), {});
  ASSERT_EQ(report.findings.size(), 2u);
  EXPECT_EQ(report.errors, 2u);
  EXPECT_EQ(report.findings[0].file, missing);
  EXPECT_EQ(report.findings[1].file, text);
  for (const Finding& f : report.findings) {
    EXPECT_EQ(f.code, Code::malformed);
    EXPECT_NE(f.message.find(f.file), std::string::npos) << f.message;
    EXPECT_NE(f.remedy.find("regular, readable ELF file"), std::string::npos) << f.remedy;
  }
}

TEST(CheckReport, FilterDecidesWhatIsCountedAndPrinted) {
  fs::path dir = test_dir();
  const std::string object = tls_object(dir).string();
  const std::string missing = (dir / "missing.o").string();

  CheckReport all = check_files({object, missing}, emulated_tls_context(), {});
  ASSERT_GE(all.findings.size(), 2u);
  EXPECT_EQ(all.findings.front().code, Code::malformed) << "a file not opened comes first";

  CheckReport only =
      check_files({object, missing}, emulated_tls_context(), {{Code::thread_pointer_read}, {}});
  ASSERT_FALSE(only.findings.empty());
  for (Code c : codes(only))
    EXPECT_EQ(c, Code::thread_pointer_read);
  EXPECT_EQ(only.errors, only.findings.size());

  CheckReport none =
      check_files({object, missing}, emulated_tls_context(),
                  {{}, {Code::thread_pointer_read, Code::malformed, Code::tls_relocation}});
  for (Code c : codes(none))
    EXPECT_TRUE(c != Code::thread_pointer_read && c != Code::malformed);
  EXPECT_LT(none.errors, all.errors);
}

TEST(CheckReport, TextEndsWithTheSummaryOfWhatWasChecked) {
  fs::path dir = test_dir();
  util::Environment env{{"XPORT_HOME", (dir / "store").string()}};
  CheckReport report = check_files({(dir / "missing.o").string()}, emulated_tls_context(), {});
  std::string text = report.text(env);
  EXPECT_EQ(text, report.findings[0].to_text() + "\n" +
                      "1 finding (1 error) for x86_64-test; libraries and symbols not checked: no "
                      "sysroot in the store '" +
                      (dir / "store").string() + "' (no " +
                      (dir / "store" / "sysroots" / "x86_64-test").string() +
                      ") (import one as 'x86_64-test' or pass --sysroot)\n");

  CheckReport empty;
  empty.context = emulated_tls_context();
  empty.context.sysroot = SysrootPlaces{"/sysroots/fb", "", {"lib"}, {"usr/lib"}};
  empty.context.max_versions.apply(
      {*target::parse_version_ceiling("GLIBC_2.17"), *target::parse_version_ceiling("FBSD_1.5")});
  EXPECT_EQ(empty.text(env), "0 findings (0 errors) for x86_64-test, symbol versions up to "
                             "FBSD_1.5, GLIBC_2.17, libraries and symbols against /sysroots/fb\n");
}

TEST(CheckReport, JsonIsOneDocumentWithTheCountsAndEveryFinding) {
  fs::path dir = test_dir();
  CheckReport empty;
  empty.context = emulated_tls_context();
  EXPECT_EQ(empty.json(), "{\n  \"target\": \"x86_64-test\",\n  \"sysroot\": null,\n"
                          "  \"max_versions\": [],\n  \"errors\": 0,\n  \"findings\": []\n}\n");

  CheckContext context = emulated_tls_context();
  context.sysroot = SysrootPlaces{"/sysroots/\"fb\"", "", {}, {}};
  context.max_versions.apply({*target::parse_version_ceiling("GLIBC_2.17")});
  CheckReport report =
      check_files({tls_object(dir).string(), (dir / "missing.o").string()}, std::move(context), {});
  nlohmann::json doc = nlohmann::json::parse(report.json());
  EXPECT_EQ(doc["target"], "x86_64-test");
  EXPECT_EQ(doc["sysroot"], "/sysroots/\"fb\"");
  EXPECT_EQ(doc["max_versions"], nlohmann::json::array({"GLIBC_2.17"}));
  EXPECT_EQ(doc["errors"], report.errors);
  ASSERT_EQ(doc["findings"].size(), report.findings.size());
  EXPECT_EQ(doc["findings"].front()["code"], "malformed");
}

TEST(CheckReport, SysrootFoldersAreTheLayoutsWithoutGccsLinkOnlyOne) {
  fs::path dir = test_dir();
  sysroot::FoundSysroot found;
  found.root = dir;
  found.layout.runtime_root = "usr/aarch64-linux-gnu";
  found.layout.library_dirs = {"usr/aarch64-linux-gnu/lib",
                               "usr/lib/gcc-cross/aarch64-linux-gnu/12"};
  found.layout.gcc_dir = "usr/lib/gcc-cross/aarch64-linux-gnu/12";
  found.layout.startfile_dirs = {"usr/aarch64-linux-gnu/lib"};
  CheckContext context = emulated_tls_context();
  use_sysroot(context, found, nullptr);
  ASSERT_TRUE(context.sysroot);
  EXPECT_EQ(context.sysroot->root, dir);
  EXPECT_EQ(context.sysroot->runtime_root, "usr/aarch64-linux-gnu");
  EXPECT_EQ(context.sysroot->library_dirs, std::vector<std::string>{"usr/aarch64-linux-gnu/lib"});
  EXPECT_EQ(context.sysroot->startfile_dirs, found.layout.startfile_dirs);
  EXPECT_TRUE(context.program_symbols.empty()) << "no crt1.o in the folder";
  EXPECT_FALSE(context.symbol_abi) << "the profile has no symbol ABI";
}

} // namespace
} // namespace xport::elf
