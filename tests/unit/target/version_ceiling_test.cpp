// Symbol-version ceilings: version names split into family and numbers, numeric comparison,
// the spellings a ceiling may take (and the "did you mean" of those it may not), and how the
// profile's, the environment's and the options' ceilings combine.
#include <gtest/gtest.h>

#include "load_helpers.hpp"
#include "target/catalog.hpp"
#include "target/version_ceiling.hpp"
#include "util/error.hpp"

namespace xport::target {
namespace {

using testing::load_texts;

std::vector<uint32_t> numbers(std::string_view name) {
  std::optional<SymbolVersion> v = parse_symbol_version(name);
  return v ? v->numbers : std::vector<uint32_t>{};
}

TEST(SymbolVersion, SplitsFamilyAndNumbers) {
  auto glibc = parse_symbol_version("GLIBC_2.2.5");
  ASSERT_TRUE(glibc);
  EXPECT_EQ(glibc->family, "GLIBC");
  EXPECT_EQ(glibc->numbers, (std::vector<uint32_t>{2, 2, 5}));
  EXPECT_EQ(parse_symbol_version("FBSD_1.7")->family, "FBSD");
  // The family ends at the first '_' that only numbers follow.
  EXPECT_EQ(parse_symbol_version("FBSDprivate_1.0")->family, "FBSDprivate");
  EXPECT_EQ(parse_symbol_version("GLIBCXX_LDBL_3.4")->family, "GLIBCXX_LDBL");
  EXPECT_EQ(parse_symbol_version("CXXABI_TM_1")->family, "CXXABI_TM");
  auto openssl = parse_symbol_version("OPENSSL_1_1_0");
  ASSERT_TRUE(openssl);
  EXPECT_EQ(openssl->family, "OPENSSL");
  EXPECT_EQ(openssl->numbers, (std::vector<uint32_t>{1, 1, 0}));
}

TEST(SymbolVersion, NamesWithoutNumbersHaveNoVersionExceptMarkers) {
  EXPECT_FALSE(parse_symbol_version("GLIBC_PRIVATE"));
  EXPECT_FALSE(parse_symbol_version("Base"));
  EXPECT_FALSE(parse_symbol_version("libc.so.6"));
  EXPECT_FALSE(parse_symbol_version("_1.0"));
  EXPECT_FALSE(parse_symbol_version("GLIBC_2..17"));
  EXPECT_FALSE(parse_symbol_version("GLIBC_2.17."));
  EXPECT_FALSE(parse_symbol_version("GLIBC_99999999999.1")) << "a number that does not fit";
  auto relr = parse_symbol_version("GLIBC_ABI_DT_RELR");
  ASSERT_TRUE(relr) << "glibc 2.36's marker";
  EXPECT_EQ(relr->family, "GLIBC");
  EXPECT_EQ(relr->numbers, (std::vector<uint32_t>{2, 36}));
}

TEST(SymbolVersion, ComparesNumericallyComponentByComponent) {
  EXPECT_LT(compare_version_numbers(numbers("GLIBC_2.9"), numbers("GLIBC_2.17")), 0);
  EXPECT_LT(compare_version_numbers(numbers("GLIBC_2.17"), numbers("GLIBC_2.28")), 0);
  EXPECT_GT(compare_version_numbers(numbers("GLIBC_2.28"), numbers("GLIBC_2.9")), 0);
  EXPECT_EQ(compare_version_numbers(numbers("GLIBC_2.17"), numbers("GLIBC_2.17.0")), 0);
  EXPECT_LT(compare_version_numbers(numbers("GLIBC_2.2"), numbers("GLIBC_2.2.5")), 0);
  EXPECT_GT(compare_version_numbers(numbers("GCC_4.2.0"), numbers("GCC_4.0.0")), 0);
  EXPECT_LT(compare_version_numbers(numbers("FBSD_1.5"), numbers("FBSD_1.10")), 0);
}

TEST(VersionCeiling, ParsesAndRejectsWithDidYouMean) {
  Result<VersionCeiling> ok = parse_version_ceiling("GLIBC_2.17");
  ASSERT_TRUE(ok) << ok.error();
  EXPECT_EQ(ok->name, "GLIBC_2.17");
  EXPECT_EQ(ok->version.family, "GLIBC");
  EXPECT_TRUE(parse_version_ceiling("FBSD_1.5"));
  EXPECT_TRUE(parse_version_ceiling("ZLIB_1.2.9")) << "a family xport does not know is allowed";
  EXPECT_TRUE(parse_version_ceiling("FBSDprivate_1.0"));

  auto lower = parse_version_ceiling("glibc_2.17");
  ASSERT_FALSE(lower);
  EXPECT_NE(lower.error().find("did you mean 'GLIBC_2.17'?"), std::string::npos) << lower.error();
  EXPECT_NE(lower.error().find("case-sensitive"), std::string::npos) << lower.error();
  auto swapped = parse_version_ceiling("GLBIC_2.28");
  ASSERT_FALSE(swapped);
  EXPECT_NE(swapped.error().find("did you mean 'GLIBC_2.28'?"), std::string::npos);
  auto freebsd = parse_version_ceiling("fbsd_1.5");
  ASSERT_FALSE(freebsd);
  EXPECT_NE(freebsd.error().find("did you mean 'FBSD_1.5'?"), std::string::npos);
  for (std::string_view text : {"GLIBC2.17", "GLIBC-2.17", "glibc 2.17"}) {
    auto missing = parse_version_ceiling(text);
    ASSERT_FALSE(missing) << text;
    EXPECT_NE(missing.error().find("is not a version ceiling (did you mean 'GLIBC_2.17'?)"),
              std::string::npos)
        << missing.error();
  }
  auto none = parse_version_ceiling("GLIBC_PRIVATE");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().find("did you mean"), std::string::npos) << none.error();
  EXPECT_NE(none.error().find("GLIBC_2.17, FBSD_1.5"), std::string::npos) << none.error();
  EXPECT_FALSE(parse_version_ceiling(""));
  EXPECT_FALSE(parse_version_ceiling("freebsd-12.4")) << "no named releases";
}

VersionCeiling ceiling(std::string_view text, std::string origin = {}) {
  VersionCeiling c = parse_version_ceiling(text).value();
  c.origin = std::move(origin);
  return c;
}

TEST(VersionCeilings, JudgeOnlyTheirFamilyAndOnlyAbove) {
  VersionCeilings c;
  c.apply({ceiling("GLIBC_2.17"), ceiling("FBSD_1.5")});
  EXPECT_EQ(c.names(), "FBSD_1.5, GLIBC_2.17");
  ASSERT_NE(c.exceeded_by("GLIBC_2.25"), nullptr);
  EXPECT_EQ(c.exceeded_by("GLIBC_2.25")->name, "GLIBC_2.17");
  EXPECT_EQ(c.exceeded_by("GLIBC_2.17"), nullptr);
  EXPECT_EQ(c.exceeded_by("GLIBC_2.2.5"), nullptr);
  EXPECT_EQ(c.exceeded_by("GLIBC_2.9"), nullptr);
  EXPECT_EQ(c.exceeded_by("GLIBC_PRIVATE"), nullptr);
  EXPECT_NE(c.exceeded_by("GLIBC_ABI_DT_RELR"), nullptr);
  EXPECT_NE(c.exceeded_by("FBSD_1.6"), nullptr);
  EXPECT_EQ(c.exceeded_by("FBSDprivate_1.0"), nullptr);
  EXPECT_EQ(c.exceeded_by("GCC_7.0.0"), nullptr);
  EXPECT_EQ(c.exceeded_by("GLIBCXX_3.4.30"), nullptr);
  EXPECT_EQ(c.exceeded_by(""), nullptr);
}

TEST(VersionCeilings, LowestWithinASourceLaterSourcesReplace) {
  VersionCeilings c;
  c.apply({ceiling("GLIBC_2.28", "profile"), ceiling("GLIBC_2.17", "profile"),
           ceiling("GCC_4.2.0", "profile")});
  ASSERT_NE(c.find("GLIBC"), nullptr);
  EXPECT_EQ(c.find("GLIBC")->name, "GLIBC_2.17");
  c.apply({ceiling("GLIBC_2.28", "--max-version")});
  EXPECT_EQ(c.find("GLIBC")->name, "GLIBC_2.28") << "an option raises the profile's ceiling";
  EXPECT_EQ(c.find("GLIBC")->origin, "--max-version");
  EXPECT_EQ(c.find("GCC")->name, "GCC_4.2.0") << "other families stay";
  EXPECT_EQ(c.find("FBSD"), nullptr);
}

TEST(VersionCeilings, ListsFromTheEnvironmentAreWords) {
  EXPECT_EQ(split_ceiling_list("GLIBC_2.17,GCC_4.2.0  GLIBCXX_3.4.19,"),
            (std::vector<std::string>{"GLIBC_2.17", "GCC_4.2.0", "GLIBCXX_3.4.19"}));
  EXPECT_TRUE(split_ceiling_list(" , ").empty());
}

TEST(VersionCeilings, ProfileThenEnvironmentThenOptions) {
  Catalog catalog = load_texts({{"old.toml", "name = \"old\"\ninherits = "
                                             "\"x86_64-unknown-linux-gnu\"\nmax-versions = "
                                             "[\"GLIBC_2.17\", \"GLIBCXX_3.4.19\"]\n"}});
  ResolvedProfile old = catalog.resolve("old");
  VersionCeilings from_profile = version_ceilings(old, nullptr, {});
  EXPECT_EQ(from_profile.names(), "GLIBC_2.17, GLIBCXX_3.4.19");
  EXPECT_EQ(from_profile.find("GLIBC")->origin, "max-versions at old.toml:3:1");
  VersionCeilings all = version_ceilings(old, "GLIBC_2.28,FBSD_1.5", {"GLIBC_2.25"});
  EXPECT_EQ(all.find("GLIBC")->name, "GLIBC_2.25");
  EXPECT_EQ(all.find("GLIBC")->origin, "--max-version");
  EXPECT_EQ(all.find("FBSD")->origin, "XPORT_MAX_VERSION");
  EXPECT_EQ(all.find("GLIBCXX")->name, "GLIBCXX_3.4.19");
  try {
    (void)version_ceilings(old, nullptr, {"GLIBC-2.17"});
    FAIL() << "a bad --max-version is a usage error";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("--max-version: 'GLIBC-2.17' is not a version ceiling"),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW((void)version_ceilings(old, "glibc_2.17", {}), UsageError);
}

} // namespace
} // namespace xport::target
