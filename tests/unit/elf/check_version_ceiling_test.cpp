// Versioned imports above a ceiling, on a program lld links here against a stub library whose
// version script gives f, g and h the versions glibc gave memcpy, getrandom and
// __libc_start_main (GLIBC_2.2.5, GLIBC_2.25, GLIBC_2.34): each import above is one finding with
// the symbol, its version, the library and the ceiling; without section headers the needs are
// still read, through DT_VERNEED.
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "elf/check.hpp"
#include "elf/input.hpp"
#include "test_dir.hpp"

namespace xport::elf {
namespace {

namespace fs = std::filesystem;

using testing::test_dir;

void run(const std::string& command) {
  if (std::system(command.c_str()) != 0)
    throw std::runtime_error("cannot run: " + command);
}

// libstub.so.1 (f@@GLIBC_2.2.5, g@@GLIBC_2.25, h@@GLIBC_2.34) and a program calling all three.
fs::path link_program(const fs::path& dir) {
  std::ofstream(dir / "stub.c") << "void f(void) {}\nvoid g(void) {}\nvoid h(void) {}\n";
  std::ofstream(dir / "stub.map") << "GLIBC_2.2.5 { global: f; local: *; };\n"
                                     "GLIBC_2.25 { global: g; } GLIBC_2.2.5;\n"
                                     "GLIBC_2.34 { global: h; } GLIBC_2.25;\n";
  std::ofstream(dir / "prog.c") << "void f(void); void g(void); void h(void);\n"
                                   "void _start(void) { f(); g(); h(); for (;;) {} }\n";
  const std::string clang = "clang -target x86_64-unknown-linux-gnu -fuse-ld=lld -nostdlib ";
  std::string d = dir.string();
  run(clang + "-fPIC -shared -Wl,-soname,libstub.so.1 -Wl,--version-script=" + d + "/stub.map " +
      d + "/stub.c -o " + d + "/libstub.so.1");
  run(clang + d + "/prog.c " + d + "/libstub.so.1 -o " + d + "/prog");
  return dir / "prog";
}

target::VersionCeilings ceilings(std::string_view text) {
  target::VersionCeiling c = target::parse_version_ceiling(text).value();
  c.origin = "--max-version";
  target::VersionCeilings out;
  out.apply({c});
  return out;
}

std::vector<Finding> findings(const fs::path& file, std::string_view ceiling) {
  Input input = open_input(file);
  ElfFile elf(input.images[0].name, input.images[0].bytes);
  std::vector<Finding> out;
  check_version_ceilings(elf, {input.images[0].name, "", {}}, ceilings(ceiling), out);
  return out;
}

TEST(VersionCeiling, EveryImportAboveIsOneFindingNamingSymbolVersionLibraryAndCeiling) {
  fs::path prog = link_program(test_dir());
  std::vector<Finding> found = findings(prog, "GLIBC_2.17");
  ASSERT_EQ(found.size(), 2u);
  std::set<std::string> symbols;
  for (const Finding& f : found) {
    EXPECT_EQ(f.code, Code::symbol_version_above_ceiling);
    EXPECT_EQ(f.severity, Severity::error);
    EXPECT_EQ(f.section, ".gnu.version_r");
    symbols.insert(f.symbol);
  }
  EXPECT_EQ(symbols, (std::set<std::string>{"g", "h"}));
  const Finding& g = found[0].symbol == "g" ? found[0] : found[1];
  EXPECT_EQ(g.message, "imports `g` at version GLIBC_2.25 from libstub.so.1, above the ceiling "
                       "GLIBC_2.17 (--max-version): a system whose libstub.so.1 stops at "
                       "GLIBC_2.17 refuses to load it");
  EXPECT_NE(g.remedy.find("raise the ceiling if that release's libstub.so.1 has GLIBC_2.25"),
            std::string::npos)
      << g.remedy;
  EXPECT_EQ(g.to_text().substr(0, prog.string().size() + 40),
            prog.string() + ": error [symbol-version-above-ceiling]: ");
}

TEST(VersionCeiling, OnlyAboveTheCeilingOfTheSameFamily) {
  fs::path prog = link_program(test_dir());
  std::vector<Finding> found = findings(prog, "GLIBC_2.28");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].symbol, "h");
  EXPECT_TRUE(findings(prog, "GLIBC_2.34").empty());
  EXPECT_TRUE(findings(prog, "GLIBC_2.34.0").empty());
  EXPECT_TRUE(findings(prog, "FBSD_1.0").empty()) << "another family is not bounded";
  // The file as xport cc reads it after a link gives the same findings.
  std::vector<Finding> from_file = check_version_ceilings(prog, ceilings("GLIBC_2.28"));
  ASSERT_EQ(from_file.size(), 1u);
  EXPECT_EQ(from_file[0].to_text(), found[0].to_text());
}

TEST(VersionCeiling, NeedsAreReadWithoutSectionHeaders) {
  fs::path dir = test_dir();
  fs::path prog = link_program(dir);
  run("llvm-objcopy --strip-sections " + prog.string() + " " + (dir / "prog.bare").string());
  std::vector<Finding> found = findings(dir / "prog.bare", "GLIBC_2.17");
  ASSERT_EQ(found.size(), 2u) << "one per needed version above: GLIBC_2.25 and GLIBC_2.34";
  EXPECT_EQ(found[0].symbol, "");
  EXPECT_NE(found[0].message.find("needs version GLIBC_2.25 of libstub.so.1, above the ceiling "
                                  "GLIBC_2.17 (--max-version): "),
            std::string::npos)
      << found[0].message;
}

TEST(VersionCeiling, ObjectsAndUnversionedFilesHaveNoFindings) {
  fs::path dir = test_dir();
  std::ofstream(dir / "plain.c") << "int plain(void) { return 1; }\n";
  run("clang -target x86_64-unknown-linux-gnu -fuse-ld=lld -nostdlib -fPIC -shared " +
      (dir / "plain.c").string() + " -o " + (dir / "libplain.so").string());
  EXPECT_TRUE(findings(dir / "libplain.so", "GLIBC_2.0").empty());
  run("clang -target x86_64-unknown-linux-gnu -c " + (dir / "plain.c").string() + " -o " +
      (dir / "plain.o").string());
  EXPECT_TRUE(findings(dir / "plain.o", "GLIBC_2.0").empty());
}

} // namespace
} // namespace xport::elf
