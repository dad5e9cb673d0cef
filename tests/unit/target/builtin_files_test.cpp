// The built-in files are named after the target they define, once each: the catalog takes built-in
// names from file names so that resolving one target parses only its inheritance chain.
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "load_helpers.hpp"
#include "target/builtin_files.hpp"
#include "target/profile_file.hpp"

namespace xport::target {
namespace {

TEST(BuiltinFiles, EachFileIsNamedAfterTheTargetItDefines) {
  ASSERT_FALSE(builtin_files().empty());
  for (const BuiltinFile& f : builtin_files()) {
    std::vector<Diagnostic> problems;
    std::optional<ProfileFile> parsed = parse_profile_file(f.path, f.contents, problems);
    ASSERT_TRUE(parsed) << f.path;
    EXPECT_TRUE(problems.empty()) << f.path << ": " << problems.front().str();
    EXPECT_EQ(f.path, "targets/" + parsed->name + ".toml");
    EXPECT_EQ(builtin_name(f), parsed->name);
  }
}

TEST(BuiltinFiles, NamesAreUnique) {
  std::set<std::string_view> names;
  for (const BuiltinFile& f : builtin_files())
    EXPECT_TRUE(names.insert(builtin_name(f)).second) << "two built-in files named " << f.path;
}

TEST(BuiltinFiles, TheWholeCatalogChecksCleanAndEveryTargetResolves) {
  Catalog c = testing::load_texts({});
  std::vector<std::string> all = c.names(/*include_abstract=*/true);
  EXPECT_EQ(all.size(), builtin_files().size());
  for (const std::string& name : all) {
    ResolvedProfile r = c.resolve(name);
    EXPECT_EQ(r.profile.name, name);
    EXPECT_EQ(c.file_of(name), "targets/" + name + ".toml");
  }
}

TEST(BuiltinFiles, NameIsTakenFromTheFileName) {
  EXPECT_EQ(builtin_name({"targets/x86_64-unknown-freebsd.toml", ""}), "x86_64-unknown-freebsd");
  EXPECT_EQ(builtin_name({"linux-base.toml", ""}), "linux-base");
}

// Lazy loading must not defer user-file problems: they are reported by load(), not by the first
// resolve() or names().
TEST(BuiltinFiles, UserFileProblemsAreStillReportedAtLoad) {
  auto problems = testing::problems_of(
      {{"user/a.toml", "name = \"a\"\ninherits = \"x86_64-unknown-freebsd\"\nlinker = 3\n"}});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].where.file, "user/a.toml");
  EXPECT_EQ(problems[0].where.line, 3);
}

TEST(BuiltinFiles, RedefiningABuiltInCitesItsNameLine) {
  auto problems = testing::problems_of({{"user/lb.toml", "name = \"linux-base\"\n"
                                                         "abstract = true\n"}});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("duplicate target 'linux-base': also defined in "
                                     "targets/linux-base.toml:"),
            std::string::npos)
      << problems[0].message;
}

} // namespace
} // namespace xport::target
