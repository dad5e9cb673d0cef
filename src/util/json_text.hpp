// JSON as xport prints it. Names read from untrusted files (sections, symbols, archive members,
// paths) need not be UTF-8; nlohmann::json stores them as given and would throw when printing,
// so every --json output goes through here: invalid bytes become U+FFFD, never an exception.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace xport::util {

inline std::string json_text(const nlohmann::json& value, int indent = 2) {
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace xport::util
