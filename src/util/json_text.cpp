// UTF-8 checking and JSON string escaping (see json_text.hpp). The decoder follows the Unicode
// standard's table of well-formed byte sequences (Unicode 15, table 3-7).
#include "util/json_text.hpp"

#include <array>

namespace xport::util {
namespace {

// The length of the well-formed sequence at the start of `s`, or 0 when it is not one; then
// `bad` is the length of its maximal subpart (the bytes that one U+FFFD replaces, as
// nlohmann::json and the Unicode standard's recommended practice do).
std::size_t utf8_sequence(std::string_view s, std::size_t& bad) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  bad = 1;
  unsigned char b0 = byte(0);
  if (b0 < 0x80)
    return 1;
  std::size_t length = b0 >= 0xc2 && b0 <= 0xdf   ? 2
                       : b0 >= 0xe0 && b0 <= 0xef ? 3
                       : b0 >= 0xf0 && b0 <= 0xf4 ? 4
                                                  : 0;
  if (length == 0)
    return 0;
  // The second byte's range depends on the first (no overlong forms, surrogates, or > U+10FFFF).
  unsigned char low = 0x80, high = 0xbf;
  if (b0 == 0xe0)
    low = 0xa0;
  else if (b0 == 0xed)
    high = 0x9f;
  else if (b0 == 0xf0)
    low = 0x90;
  else if (b0 == 0xf4)
    high = 0x8f;
  for (std::size_t i = 1; i < length; ++i, ++bad) {
    if (i >= s.size() || byte(i) < low || byte(i) > high)
      return 0;
    low = 0x80;
    high = 0xbf;
  }
  return length;
}

// Bytes that stand for themselves inside a JSON string.
constexpr std::array<bool, 256> plain_ascii = [] {
  std::array<bool, 256> table{};
  for (int b = 0x20; b < 0x80; ++b)
    table[b] = b != '"' && b != '\\';
  return table;
}();

} // namespace

bool is_utf8(std::string_view text) {
  while (!text.empty()) {
    std::size_t bad = 0, n = utf8_sequence(text, bad);
    if (n == 0)
      return false;
    text.remove_prefix(n);
  }
  return true;
}

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  while (!text.empty()) {
    // The run of printable ASCII that needs no escape, appended at once.
    std::size_t plain = 0;
    while (plain < text.size() && plain_ascii[static_cast<unsigned char>(text[plain])])
      ++plain;
    if (plain) {
      out.append(text.substr(0, plain));
      text.remove_prefix(plain);
      continue;
    }
    unsigned char c = static_cast<unsigned char>(text.front());
    if (c >= 0x80) {
      std::size_t bad = 0, n = utf8_sequence(text, bad);
      if (n == 0) {
        out += "\xef\xbf\xbd"; // U+FFFD
        n = bad;
      } else {
        out.append(text.substr(0, n));
      }
      text.remove_prefix(n);
      continue;
    }
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\b':
      out += "\\b";
      break;
    case '\f':
      out += "\\f";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      out += "\\u00";
      out += hex[c >> 4];
      out += hex[c & 15];
    }
    text.remove_prefix(1);
  }
  out += '"';
}

} // namespace xport::util
