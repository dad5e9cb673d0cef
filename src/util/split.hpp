// Splitting text at a separator: the parts in order, empty ones kept ("a::b" at ':' is "a", "",
// "b"; "" is one empty part), each a view into `text`.
#pragma once

#include <string_view>
#include <vector>

namespace xport::util {

inline std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  while (true) {
    std::size_t at = text.find(separator);
    parts.push_back(text.substr(0, at));
    if (at == std::string_view::npos)
      return parts;
    text.remove_prefix(at + 1);
  }
}

} // namespace xport::util
