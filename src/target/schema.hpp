// The profile schema: every key a profile file may set, its type, its allowed values and a one-line
// meaning. The loader validates files against it, `show` orders fields by it, and docs/profiles.md
// documents the same table.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace xport::target {

enum class KeyType {
  string,
  boolean,
  integer,
  enumeration, // a string from `values`
  string_list, // an array of strings, or { append, prepend, remove } to edit the inherited one
  table,       // a table whose keys are themselves in the schema (start-files, abi-note, rust)
  free_table,  // a table of any keys and values, passed through (rust.overrides, rust.fallbacks)
};

struct KeySpec {
  std::string_view key; // dotted: "tls-model", "start-files.pie.begin", "abi-note.name"
  KeyType type;
  std::span<const std::string_view> values; // for enumeration
  std::string_view doc;
  bool inherited = true; // false: applies to the file's own profile only (name, inherits, abstract)
};

// Every key, in the order `show` prints them.
std::span<const KeySpec> schema();

// The spec for a dotted key, or nullptr.
const KeySpec* find_key(std::string_view dotted);

// The keys allowed directly inside the table `parent` ("" for the top level): for "did you mean".
std::vector<std::string> child_keys(std::string_view parent);

// "string", "boolean", "list of strings", ... for messages.
std::string_view type_name(KeyType type);

// Position of a field key in the schema, for ordering; keys under a free table sort after their
// table, by name.
std::size_t schema_rank(std::string_view field_key);

} // namespace xport::target
