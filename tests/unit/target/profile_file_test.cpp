// Reading one profile file against the schema: every bad-input case names file:line:col, and
// every problem of a file is reported, not just the first.
#include <gtest/gtest.h>

#include "load_helpers.hpp"
#include "target/profile_file.hpp"

namespace xport::target {
namespace {

using testing::problems_of;

std::vector<Diagnostic> parse(std::string_view text, std::optional<ProfileFile>* out = nullptr) {
  std::vector<Diagnostic> problems;
  auto file = parse_profile_file("user/myos.toml", text, problems);
  if (out)
    *out = std::move(file);
  return problems;
}

TEST(ProfileFile, UnknownKeyNamesTheExactPlaceAndTheNearestKey) {
  auto problems = parse("name = \"myos\"\n\ntls_model = \"emulated\"\n");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].str(),
            "user/myos.toml:3:1: unknown key 'tls_model' (did you mean 'tls-model'?)");
}

// toml++ 3.3 met a character beyond ASCII where a value or separator belongs with undefined
// behaviour (found by fuzzing; target/toml.hpp): now each is a syntax error at its place.
TEST(ProfileFile, NonAsciiWhereTomlWantsSyntaxIsAnErrorAtItsPlace) {
  auto at = [&](std::string_view text) {
    auto problems = parse(text);
    return problems.size() == 1 && problems[0].message.starts_with("TOML syntax error")
               ? std::to_string(problems[0].where.line) + ":" +
                     std::to_string(problems[0].where.column)
               : "not one syntax error: " + (problems.empty() ? "" : problems[0].str());
  };
  EXPECT_EQ(at("name = \"myos\"\nx = [\xc3\xa9]\n"), "2:6");
  EXPECT_EQ(at("x = [\xef\xb3\xbf"), "1:6");
  EXPECT_EQ(at("\xc3\xa9 = 1"), "1:1");
  EXPECT_EQ(at("k =+[\"usr\xd1\x98\"]"), "1:4");
  // Non-ASCII text where TOML allows it is read as before.
  std::optional<ProfileFile> file;
  EXPECT_TRUE(parse("# \xc3\xa9t\xc3\xa9\nname = \"myos\"\ndescription = \"caf\xc3\xa9 OS\"\n"
                    "compile-flags = ['-DNAME=\xc3\xa9']\n",
                    &file)
                  .empty());
  ASSERT_TRUE(file);
}

TEST(ProfileFile, UnknownKeyInsideATableSuggestsThatTablesKeys) {
  auto problems = parse("name = \"myos\"\n[abi-note]\n  min-verson = \"1.0\"\n");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].str(), "user/myos.toml:3:3: unknown key 'min-verson' in [abi-note] (did "
                               "you mean 'min-version'?)");
}

TEST(ProfileFile, WrongTypeSaysWhatWasExpectedAndWhatWasFound) {
  auto problems = parse("name = \"myos\"\npie-default = \"yes\"\npointer-width = \"64\"\n");
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].str(),
            "user/myos.toml:2:15: wrong type for 'pie-default': expected a boolean, got a string");
  EXPECT_EQ(problems[1].str(), "user/myos.toml:3:17: wrong type for 'pointer-width': expected an "
                               "integer, got a string");
}

TEST(ProfileFile, WrongTypeInsideAListPointsAtTheElement) {
  auto problems = parse("name = \"myos\"\nlibrary-dirs = [\"usr/lib\", 7]\n");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].str(), "user/myos.toml:2:28: wrong type for 'library-dirs' element 2: "
                               "expected a string, got an integer");
}

TEST(ProfileFile, BadEnumValueListsTheValidOnes) {
  auto problems = parse("name = \"myos\"\ntls-model = \"emulate\"\n");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].str(), "user/myos.toml:2:13: bad value 'emulate' for 'tls-model': "
                               "expected one of native, emulated (did you mean 'emulated'?)");
}

TEST(ProfileFile, MaxVersionsAreCeilingsEachCheckedAtItsPlace) {
  std::optional<ProfileFile> file;
  EXPECT_TRUE(parse("name = \"myos\"\nmax-versions = [\"GLIBC_2.17\", \"GLIBCXX_3.4.19\"]\n", &file)
                  .empty());
  auto problems = parse("name = \"myos\"\nmax-versions = [\"GLIBC_2.17\", \"glibc_2.28\"]\n");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].where.line, 2);
  EXPECT_EQ(problems[0].where.column, 31);
  EXPECT_NE(problems[0].str().find("user/myos.toml:2:31: bad value for 'max-versions': "
                                   "'glibc_2.28' names no version family"),
            std::string::npos)
      << problems[0].str();
  EXPECT_NE(problems[0].message.find("(did you mean 'GLIBC_2.28'?)"), std::string::npos);
  problems = parse("name = \"myos\"\nmax-versions = { append = [\"GLIBC2.17\"] }\n");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("'GLIBC2.17' is not a version ceiling (did you mean "
                                     "'GLIBC_2.17'?)"),
            std::string::npos)
      << problems[0].str();
}

TEST(ProfileFile, OutOfRangeIntegersAreRefused) {
  auto problems = parse("name = \"myos\"\npointer-width = 48\n[abi-note]\ntype = -1\n");
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_NE(problems[0].message.find("expected 16, 32 or 64"), std::string::npos);
  EXPECT_NE(problems[1].message.find("'abi-note.type'"), std::string::npos);
}

TEST(ProfileFile, ToolMinimumsAreMajorVersionsWithAReason) {
  auto problems = parse("name = \"myos\"\n[min-clang]\nversion = 0\nreason = 17\n"
                        "[min-lld]\nversion = \"15\"\n");
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].message, "bad value 0 for 'min-clang.version': expected a major version "
                                 "such as 15");
  EXPECT_NE(problems[1].message.find("wrong type for 'min-clang.reason'"), std::string::npos);
  EXPECT_NE(problems[2].message.find("wrong type for 'min-lld.version'"), std::string::npos);
}

TEST(ProfileFile, TomlSyntaxErrorCarriesTomlsPosition) {
  auto problems = parse("name = \"myos\"\nlinker = \"lld\nqemu = \"x\"\n");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].where.file, "user/myos.toml");
  EXPECT_EQ(problems[0].where.line, 2);
  EXPECT_GT(problems[0].where.column, 1);
  EXPECT_NE(problems[0].message.find("TOML syntax error"), std::string::npos);
}

TEST(ProfileFile, MissingNameIsAProblemAtTheTopOfTheFile) {
  auto problems = parse("tls-model = \"emulated\"\n");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].where.line, 1);
  EXPECT_NE(problems[0].message.find("missing key 'name'"), std::string::npos);
}

TEST(ProfileFile, ReportsEveryProblemOfAFileInOneGo) {
  auto problems = problems_of({{"user/myos.toml", "name = \"myos\"\n"
                                                  "inherits = \"x86_64-unknown-freebsd\"\n"
                                                  "tls_model = \"emulated\"\n"
                                                  "pie-default = 1\n"
                                                  "thread-pointer = \"fsbase\"\n"
                                                  "[rust]\n"
                                                  "panik = \"abort\"\n"}});
  ASSERT_EQ(problems.size(), 4u);
  EXPECT_EQ(problems[0].where.line, 3);
  EXPECT_EQ(problems[1].where.line, 4);
  EXPECT_EQ(problems[2].where.line, 5);
  EXPECT_EQ(problems[3].where.line, 7);
  EXPECT_NE(problems[3].message.find("did you mean 'panic'"), std::string::npos);
}

TEST(ProfileFile, ListEditsAreReadAndUnknownOperationsRefused) {
  std::optional<ProfileFile> file;
  auto problems = parse(
      "name = \"myos\"\nlink-flags = { append = [\"-z\"], prepend = [\"-a\"], remove = [\"-b\"] "
      "}\ncompile-flags = { apend = [\"-g\"] }\n",
      &file);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].str(), "user/myos.toml:3:19: unknown list operation 'apend' for "
                               "'compile-flags': expected append, prepend or remove (did you mean "
                               "'append'?)");
  ASSERT_TRUE(file);
  auto it = std::find_if(file->settings.begin(), file->settings.end(),
                         [](const Setting& s) { return s.key == "link-flags"; });
  ASSERT_NE(it, file->settings.end());
  ASSERT_TRUE(it->list);
  EXPECT_FALSE(it->list->replace);
  EXPECT_EQ(it->list->append, std::vector<std::string>{"-z"});
  EXPECT_EQ(it->list->prepend, std::vector<std::string>{"-a"});
  EXPECT_EQ(it->list->remove, std::vector<std::string>{"-b"});
}

TEST(ProfileFile, FreeTablesKeepAnyValueWithTheirPositions) {
  std::optional<ProfileFile> file;
  auto problems = parse("name = \"myos\"\n[rust.overrides]\nmax-atomic-width = 64\n"
                        "features = \"+sse2\"\n",
                        &file);
  ASSERT_TRUE(problems.empty()) << problems[0].str();
  ASSERT_TRUE(file);
  auto it = std::find_if(file->settings.begin(), file->settings.end(), [](const Setting& s) {
    return s.key == "rust.overrides.max-atomic-width";
  });
  ASSERT_NE(it, file->settings.end());
  EXPECT_EQ(it->value, 64);
  EXPECT_EQ(it->origin.line, 3);
}

TEST(ListEdit, RemovesThenPrependsThenAppends) {
  ListEdit edit;
  edit.remove = {"b"};
  edit.prepend = {"p"};
  edit.append = {"z"};
  EXPECT_EQ(edit.apply({"a", "b", "c"}), (std::vector<std::string>{"p", "a", "c", "z"}));
  edit.replace = std::vector<std::string>{"x", "b"};
  EXPECT_EQ(edit.apply({"a"}), (std::vector<std::string>{"p", "x", "z"}));
}

} // namespace
} // namespace xport::target

namespace xport::target {
namespace {

TEST(ProfileFile, SymbolAbiShimsAndApiLibrariesAreChecked) {
  auto problems = parse("name = \"myos\"\n[symbol-abi]\napi-libraries = { base = \"ld\" }\n"
                        "[symbol-abi.shims]\nfoo = { uses = [\"bar\"], because = \"x\" }\n"
                        "baz = { uses = [\"q\"] }\nqux = \"text\"\n");
  ASSERT_EQ(problems.size(), 4u);
  EXPECT_EQ(problems[0].str(),
            "user/myos.toml:3:26: wrong type for 'symbol-abi.api-libraries.base': "
            "expected an array of library names, got a string");
  EXPECT_EQ(problems[1].str(), "user/myos.toml:5:25: 'symbol-abi.shims.foo.because': a shim has "
                               "'uses' (an array of the ABI's function names) and 'why' (a "
                               "string), nothing else");
  EXPECT_NE(problems[2].str().find("'symbol-abi.shims.baz': a shim needs both 'uses' and 'why'"),
            std::string::npos)
      << problems[2].str();
  EXPECT_NE(problems[3].str().find("wrong type for 'symbol-abi.shims.qux': expected a table"),
            std::string::npos)
      << problems[3].str();
}

} // namespace
} // namespace xport::target

namespace xport::target {
namespace {

TEST(ProfileFile, MediaPinsKeysAndMaxSizeAreChecked) {
  std::string hex(64, 'a');
  auto problems = parse("name = \"myos\"\n[media]\nmax-size = 0\n"
                        "[media.pinned]\n\"1.0\" = { \"base.txz\" = \"sha256:" +
                        hex + "\" }\n\"2.0\" = { \"base.txz\" = \"md5:abc\" }\n\"3.0\" = \"x\"\n" +
                        "[media.signify-keys]\n\"1.0\" = 7\n");
  ASSERT_EQ(problems.size(), 4u);
  EXPECT_NE(problems[0].str().find("bad value 0 for 'media.max-size'"), std::string::npos)
      << problems[0].str();
  EXPECT_NE(problems[1].str().find("'media.pinned.2.0.\"base.txz\"': expected \"sha256:<64 hex "
                                   "digits>\""),
            std::string::npos)
      << problems[1].str();
  EXPECT_NE(problems[2].str().find("wrong type for 'media.pinned.3.0': expected a table"),
            std::string::npos)
      << problems[2].str();
  EXPECT_NE(problems[3].str().find("wrong type for 'media.signify-keys.1.0': expected the base64 "
                                   "line"),
            std::string::npos)
      << problems[3].str();
}

} // namespace
} // namespace xport::target
