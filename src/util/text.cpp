// Splitting, words, lines and trimming (see text.hpp).
#include "util/text.hpp"

namespace xport::util {

std::vector<std::string_view> split(std::string_view text, char separator, EmptyParts empty) {
  std::vector<std::string_view> parts;
  while (true) {
    std::size_t at = text.find(separator);
    std::string_view part = text.substr(0, at);
    if (empty == EmptyParts::kept || !part.empty())
      parts.push_back(part);
    if (at == std::string_view::npos)
      return parts;
    text.remove_prefix(at + 1);
  }
}

std::vector<std::string_view> words(std::string_view text, std::string_view separators) {
  std::vector<std::string_view> out;
  while (true) {
    std::size_t start = text.find_first_not_of(separators);
    if (start == std::string_view::npos)
      return out;
    text.remove_prefix(start);
    std::size_t end = text.find_first_of(separators);
    out.push_back(text.substr(0, end));
    if (end == std::string_view::npos)
      return out;
    text.remove_prefix(end);
  }
}

std::string_view trim_start(std::string_view text, std::string_view characters) {
  std::size_t start = text.find_first_not_of(characters);
  return start == std::string_view::npos ? std::string_view() : text.substr(start);
}

std::string_view trim_end(std::string_view text, std::string_view characters) {
  std::size_t end = text.find_last_not_of(characters);
  return end == std::string_view::npos ? std::string_view() : text.substr(0, end + 1);
}

std::string_view trim(std::string_view text, std::string_view characters) {
  return trim_end(trim_start(text, characters), characters);
}

} // namespace xport::util
