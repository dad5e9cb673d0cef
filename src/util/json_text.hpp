// JSON as xport prints it. Names read from untrusted files (sections, symbols, archive members,
// paths) need not be UTF-8; nlohmann::json stores them as given and would throw when printing,
// so every --json output goes through here: invalid bytes become U+FFFD, never an exception.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace xport::util {

inline std::string json_text(const nlohmann::json& value, int indent = 2) {
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Whether `text` is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
bool is_utf8(std::string_view text);

// Appends `text` as a JSON string, quoted and escaped as nlohmann::json does, invalid UTF-8 bytes
// as U+FFFD: for writers of large documents that do not build a json value per entry.
void append_json_string(std::string& out, std::string_view text);

} // namespace xport::util
