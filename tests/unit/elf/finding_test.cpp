// The finding code table and symbol demangling.
#include <algorithm>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "elf/finding.hpp"
#include "util/error.hpp"

namespace xport::elf {
namespace {

TEST(Finding, OneRowPerCodeInTheEnumsOrderSortedByName) {
  auto codes = finding_codes();
  for (std::size_t i = 0; i < codes.size(); ++i) {
    EXPECT_EQ(static_cast<std::size_t>(codes[i].value), i) << codes[i].name;
    EXPECT_EQ(parse_code(codes[i].name), codes[i].value) << codes[i].name;
    EXPECT_EQ(code_name(codes[i].value), codes[i].name);
    if (i > 0) {
      EXPECT_LT(codes[i - 1].name, codes[i].name);
    }
  }
  EXPECT_EQ(codes.back().value, Code::undefined_symbol) << "a code without a row";
  EXPECT_EQ(finding_code(Code::text_relocation).severity, Severity::warning);
  EXPECT_EQ(parse_code("no-such-code"), std::nullopt);
  EXPECT_EQ(parse_code("text_relocation"), std::nullopt) << "only the documented spelling";
}

// docs/checks.md has a row per code, with the same severity: the table and the documentation
// cannot drift apart.
TEST(Finding, EveryCodeIsDocumentedWithItsSeverity) {
  std::ifstream in(XPORT_SOURCE_DIR "/docs/checks.md");
  ASSERT_TRUE(in) << "docs/checks.md is missing";
  std::stringstream text;
  text << in.rdbuf();
  for (const FindingCode& c : finding_codes()) {
    std::string row = "| `" + std::string(c.name) + "` | " + std::string(severity_name(c.severity));
    EXPECT_NE(text.str().find(row), std::string::npos)
        << c.name << " has no row '" << row << "' in docs/checks.md";
  }
}

TEST(Finding, DemanglesCxxAndRust) {
  EXPECT_EQ(demangle("_ZN3foo3barEv"), "foo::bar()");
  EXPECT_EQ(demangle("_ZN3std6thread5local4fast12Key$LT$T$GT$3get17h0123456789abcdefE"),
            "std::thread::local::fast::Key$LT$T$GT$::get::h0123456789abcdef");
  EXPECT_EQ(demangle("_RNvCs1234_7mycrate3foo"), "mycrate::foo");
  EXPECT_EQ(demangle("main"), "main");
}

TEST(Finding, AddressListIsShort) {
  EXPECT_EQ(address_list({0x10, 0x20}), "0x10, 0x20");
  EXPECT_EQ(address_list({1, 2, 3, 4, 5, 6}, 4), "0x1, 0x2, 0x3, 0x4 and 2 more");
}

TEST(Finding, TextNamesFileCodeAndFix) {
  Finding f = make_finding(Code::thread_pointer_read, "libfoo.a(bar.o)", "bar.o");
  f.message = "reads the thread pointer";
  f.remedy = "rebuild";
  EXPECT_EQ(f.to_text(), "libfoo.a(bar.o): error [thread-pointer-read]: reads the thread "
                         "pointer\n    fix: rebuild");
  EXPECT_EQ(f.to_json()["member"], "bar.o");
}

} // namespace
} // namespace xport::elf
