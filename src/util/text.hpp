// Cutting text into parts: at a separator, into words, into lines; and trimming its ends. Every
// result is a view into the text given, which must outlive it.
#pragma once

#include <cstddef>
#include <iterator>
#include <string_view>
#include <vector>

namespace xport::util {

// What isspace() accepts in the C locale, as `std::istream >> word` separates words.
inline constexpr std::string_view whitespace = " \t\n\v\f\r";

enum class EmptyParts { kept, skipped };

// The parts of `text` between the separators, in order. Kept, as $PATH is read: "a::b" at ':' is
// "a", "", "b", "a:" is "a", "", and "" is one empty part. Skipped: "a::b:" is "a", "b", and ""
// has none.
std::vector<std::string_view> split(std::string_view text, char separator,
                                    EmptyParts empty = EmptyParts::kept);

// The words of `text`: its parts between runs of any of `separators`, none empty
// (" a \tb\n" is "a", "b").
std::vector<std::string_view> words(std::string_view text,
                                    std::string_view separators = whitespace);

// The lines of `text` without their '\n', as std::getline reads them: a final newline ends the last
// line instead of starting an empty one ("a\n\nb\n" is "a", "", "b"), and "" has no lines. They
// are found one at a time as the range is walked, so a text of many short lines (a hostile file's)
// costs no memory.
class Lines {
public:
  explicit Lines(std::string_view text) : text_(text) {}

  class Iterator {
  public:
    using value_type = std::string_view;
    using difference_type = std::ptrdiff_t;
    Iterator() = default;
    explicit Iterator(std::string_view text) : rest_(text) { ++*this; }
    std::string_view operator*() const { return line_; }
    Iterator& operator++() {
      at_end_ = rest_.empty();
      std::size_t end = rest_.find('\n');
      line_ = rest_.substr(0, end);
      rest_.remove_prefix(end == std::string_view::npos ? rest_.size() : end + 1);
      return *this;
    }
    void operator++(int) { ++*this; }
    bool operator==(std::default_sentinel_t) const { return at_end_; }

  private:
    std::string_view rest_, line_;
    bool at_end_ = true;
  };

  Iterator begin() const { return Iterator(text_); }
  std::default_sentinel_t end() const { return {}; }

private:
  std::string_view text_;
};

inline Lines lines(std::string_view text) {
  return Lines(text);
}

// `text` without any of `characters` at its start, at its end, or at both.
std::string_view trim_start(std::string_view text, std::string_view characters = whitespace);
std::string_view trim_end(std::string_view text, std::string_view characters = whitespace);
std::string_view trim(std::string_view text, std::string_view characters = whitespace);

} // namespace xport::util
