// Field-by-field comparison of resolved profiles (see diff.hpp).
#include "target/diff.hpp"

#include <algorithm>
#include <set>

#include "target/schema.hpp"

namespace xport::target {
namespace {

void sort_by_schema(std::vector<std::string>& keys) {
  std::stable_sort(keys.begin(), keys.end(), [](const std::string& x, const std::string& y) {
    std::size_t rx = schema_rank(x), ry = schema_rank(y);
    return rx != ry ? rx < ry : x < y;
  });
}

template <typename T>
std::optional<T> lookup(const std::map<std::string, T>& map, const std::string& key) {
  auto it = map.find(key);
  return it == map.end() ? std::nullopt : std::optional<T>(it->second);
}

} // namespace

std::vector<std::string> ordered_keys(const ResolvedProfile& profile) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : profile.fields)
    keys.push_back(key);
  sort_by_schema(keys);
  return keys;
}

std::vector<FieldDifference> diff(const ResolvedProfile& a, const ResolvedProfile& b) {
  std::set<std::string> all;
  for (const auto& [key, value] : a.fields)
    all.insert(key);
  for (const auto& [key, value] : b.fields)
    all.insert(key);
  std::vector<std::string> keys(all.begin(), all.end());
  sort_by_schema(keys);

  std::vector<FieldDifference> out;
  for (const std::string& key : keys) {
    FieldDifference d{key, lookup(a.fields, key), lookup(b.fields, key), lookup(a.origins, key),
                      lookup(b.origins, key)};
    if (d.a != d.b)
      out.push_back(std::move(d));
  }
  return out;
}

} // namespace xport::target
