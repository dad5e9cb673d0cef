// One profile file, parsed and checked against the schema but not yet resolved: the keys it sets,
// each with the place that set it. Lists keep their edit form (replace, or append/prepend/remove)
// until they are applied to the inherited list.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "target/diagnostic.hpp"
#include "target/profile.hpp"

namespace xport::target {

// What a file does to a list key: `x = [...]` replaces the inherited list; `x = { append = [...],
// prepend = [...], remove = [...] }` edits it (remove first, then prepend, then append).
struct ListEdit {
  std::optional<std::vector<std::string>> replace;
  std::vector<std::string> remove;
  std::vector<std::string> prepend;
  std::vector<std::string> append;

  std::vector<std::string> apply(std::vector<std::string> inherited) const;
};

struct Setting {
  std::string key;      // dotted field key: "tls-model", "rust.overrides.tls-model"
  nlohmann::json value; // the value (for lists: only when replaced; see list)
  std::optional<ListEdit> list;
  FieldOrigin origin;    // the key's position in the file
  bool inherited = true; // false for name, description: they describe this file's profile only
};

struct ProfileFile {
  std::string path;
  std::string name;
  FieldOrigin name_origin;
  std::optional<std::string> inherits;
  FieldOrigin inherits_origin;
  bool abstract = false;
  std::vector<Setting> settings; // in file order
};

// Parses `text` (the contents of `path`) and checks it against the schema. Every problem is
// appended to `problems`; returns nullopt when the file cannot be used at all (a TOML syntax
// error, or no name).
std::optional<ProfileFile> parse_profile_file(std::string_view path, std::string_view text,
                                              std::vector<Diagnostic>& problems);

} // namespace xport::target
