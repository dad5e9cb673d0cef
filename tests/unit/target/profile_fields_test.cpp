// The schema (schema.cpp) and the typed view (profile_fields.cpp) spell every profile key twice:
// each key a file may set must reach the Profile, and each key the Profile is read from must be
// one a file can set.
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "target/merge.hpp"
#include "target/schema.hpp"

namespace xport::target {
namespace {

// Keys of a profile file rather than of the profile: the loader resolves them (the chain, whether
// the target is listed), and the Profile never reads them.
const std::set<std::string_view> file_keys = {"inherits", "abstract"};

TEST(ProfileFields, EverySchemaKeyReachesTheProfile) {
  const std::set<std::string> read = profile_field_keys();
  for (const KeySpec& k : schema()) {
    std::string key(k.key);
    if (file_keys.contains(k.key)) {
      EXPECT_FALSE(read.contains(key)) << key;
      continue;
    }
    if (k.type == KeyType::table) {
      // A table reaches the Profile through its keys.
      auto under = read.lower_bound(key + ".");
      EXPECT_TRUE(read.contains(key) || (under != read.end() && under->starts_with(key + ".")))
          << "the table " << key << " is in the schema, and profile_fields.cpp reads nothing of it";
      continue;
    }
    EXPECT_TRUE(read.contains(key))
        << key << " is in the schema, and profile_fields.cpp never reads it into the Profile";
  }
}

TEST(ProfileFields, EveryKeyTheProfileReadsIsInTheSchema) {
  const std::set<std::string> read = profile_field_keys();
  EXPECT_TRUE(read.contains("tls-model")) << "the keys are the ones profile_fields.cpp reads";
  for (const std::string& key : read) {
    const KeySpec* spec = find_key(key);
    EXPECT_NE(spec, nullptr) << "profile_fields.cpp reads " << key
                             << ", which no profile file can set: add its row to schema.cpp";
    if (spec) {
      EXPECT_FALSE(file_keys.contains(spec->key)) << key;
    }
  }
}

} // namespace
} // namespace xport::target
