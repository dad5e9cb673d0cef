// The schema table: unique keys, tables declared before their children, every enum spelling known
// to the typed view, and every key documented in docs/profiles.md.
#include <fstream>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "target/profile.hpp"
#include "target/schema.hpp"

namespace xport::target {
namespace {

TEST(Schema, KeysAreUniqueAndEveryParentTableIsDeclared) {
  std::set<std::string_view> seen;
  for (const KeySpec& k : schema()) {
    EXPECT_TRUE(seen.insert(k.key).second) << "duplicate key " << k.key;
    EXPECT_FALSE(k.doc.empty()) << k.key;
    std::string_view key = k.key;
    if (auto dot = key.rfind('.'); dot != std::string_view::npos) {
      const KeySpec* parent = find_key(key.substr(0, dot));
      ASSERT_NE(parent, nullptr) << k.key;
      EXPECT_EQ(parent->type, KeyType::table) << k.key;
      EXPECT_TRUE(seen.contains(parent->key)) << "declare " << parent->key << " before " << k.key;
    }
    if (k.type == KeyType::enumeration) {
      EXPECT_FALSE(k.values.empty()) << k.key;
    }
  }
}

TEST(Schema, ChildKeysAreTheKeysOfOneTable) {
  std::vector<std::string> note = child_keys("abi-note");
  EXPECT_EQ(note, (std::vector<std::string>{"name", "type", "encoding", "min-version"}));
  std::vector<std::string> top = child_keys("");
  EXPECT_NE(std::find(top.begin(), top.end(), "tls-model"), top.end());
  EXPECT_EQ(std::find(top.begin(), top.end(), "begin"), top.end());
}

TEST(Schema, EnumSpellingsMatchTheTypedView) {
  const KeySpec* tls = find_key("tls-model");
  ASSERT_NE(tls, nullptr);
  EXPECT_EQ(tls->values[0], to_string(TlsModel::native));
  EXPECT_EQ(tls->values[1], to_string(TlsModel::emulated));
  const KeySpec* tp = find_key("thread-pointer");
  ASSERT_NE(tp, nullptr);
  for (ThreadPointer value :
       {ThreadPointer::none, ThreadPointer::fs, ThreadPointer::gs, ThreadPointer::tpidr_el0,
        ThreadPointer::tpidruro, ThreadPointer::tp, ThreadPointer::a0, ThreadPointer::r13})
    EXPECT_NE(std::find(tp->values.begin(), tp->values.end(), to_string(value)), tp->values.end())
        << to_string(value);
  const KeySpec* cxx = find_key("cxx-stdlib");
  EXPECT_NE(std::find(cxx->values.begin(), cxx->values.end(), to_string(CxxStdlib::libcxx)),
            cxx->values.end());
  for (LinkMode mode : {LinkMode::dynamic, LinkMode::pie, LinkMode::static_, LinkMode::static_pie,
                        LinkMode::shared})
    EXPECT_NE(find_key("start-files." + std::string(to_string(mode)) + ".begin"), nullptr);
}

TEST(Schema, EveryKeyIsDocumented) {
  std::ifstream in(XPORT_SOURCE_DIR "/docs/profiles.md");
  ASSERT_TRUE(in) << "docs/profiles.md is missing";
  std::stringstream text;
  text << in.rdbuf();
  for (const KeySpec& k : schema()) {
    std::string key(k.key);
    if (key.starts_with("start-files.") && key != "start-files")
      continue; // documented once as start-files.<mode>.begin/end
    EXPECT_NE(text.str().find("`" + key + "`"), std::string::npos) << key << " is not documented";
  }
}

} // namespace
} // namespace xport::target
