// ar(5) parsing: 8-byte magic, then 60-byte headers each followed by the member data, padded to
// an even offset. Names: "foo.o/" (GNU short), "/123" (offset into the "//" table), "#1/12"
// (BSD: the name is the first 12 bytes of the data), "foo.o" (plain System V).
#include "elf/archive.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <string_view>

#include "elf/byte_view.hpp"

namespace xport::elf {
namespace {

constexpr std::string_view magic = "!<arch>\n";
constexpr std::string_view thin_magic = "!<thin>\n";
constexpr uint64_t header_size = 60;

std::string_view field(std::span<const uint8_t> header, std::size_t at, std::size_t length) {
  std::string_view text(reinterpret_cast<const char*>(header.data()) + at, length);
  while (!text.empty() && text.back() == ' ')
    text.remove_suffix(1);
  return text;
}

uint64_t decimal(const ByteView& view, uint64_t at, std::string_view text, std::string_view what) {
  uint64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty())
    view.fail(at, fmt::format("the archive member {} field '{}' is not a decimal number; the "
                              "archive is damaged: rebuild it with ar",
                              what, text));
  return value;
}

} // namespace

bool has_archive_magic(std::span<const uint8_t> bytes) {
  return bytes.size() >= magic.size() &&
         (std::memcmp(bytes.data(), magic.data(), magic.size()) == 0 ||
          std::memcmp(bytes.data(), thin_magic.data(), thin_magic.size()) == 0);
}

std::vector<ArchiveMember> read_archive(const std::string& archive_name,
                                        std::span<const uint8_t> bytes) {
  ByteView view(archive_name, bytes);
  if (bytes.size() >= thin_magic.size() &&
      std::memcmp(bytes.data(), thin_magic.data(), thin_magic.size()) == 0)
    view.fail(0, "this is a thin archive (members are separate files); check the member objects "
                 "themselves, or make a normal archive with 'ar rc'");
  view.require(0, magic.size(), "the archive magic");
  std::vector<ArchiveMember> members;
  std::string_view long_names;
  uint64_t at = magic.size();
  while (at < bytes.size()) {
    if (bytes.size() - at == 1 && bytes[at] == '\n')
      break; // padding after the last odd-sized member
    std::span<const uint8_t> header = view.slice(at, header_size, "an archive member header");
    if (header[58] != '`' || header[59] != '\n')
      view.fail(at + 58, "an archive member header does not end in \"`\\n\"; the archive is "
                         "damaged: rebuild it with ar");
    std::string_view name = field(header, 0, 16);
    uint64_t size = decimal(view, at + 48, field(header, 48, 10), "size");
    uint64_t data = at + header_size;
    if (!view.contains(data, size))
      view.fail(at + 48, fmt::format("archive member '{}' says it holds {} bytes but only {} "
                                     "remain; the archive is truncated",
                                     name, size, bytes.size() - data));
    std::span<const uint8_t> contents = bytes.subspan(data, size);
    std::string member_name;
    if (name == "/" || name == "/SYM64/" || name.starts_with("__.SYMDEF")) {
      // symbol index: not a member
    } else if (name == "//") {
      long_names = {reinterpret_cast<const char*>(contents.data()), contents.size()};
    } else if (name.starts_with("#1/")) {
      uint64_t length = decimal(view, at + 3, name.substr(3), "BSD name length");
      if (length > size)
        view.fail(
            at, fmt::format("BSD archive name length {} exceeds the member size {}", length, size));
      member_name.assign(reinterpret_cast<const char*>(contents.data()), length);
      member_name.erase(std::find(member_name.begin(), member_name.end(), '\0'), member_name.end());
      contents = contents.subspan(length);
      data += length;
    } else if (name.starts_with("/") && name.size() > 1) {
      uint64_t offset = decimal(view, at + 1, name.substr(1), "long-name offset");
      if (offset >= long_names.size())
        view.fail(at, fmt::format("archive member name refers to offset {} of the long-name table, "
                                  "which holds {} bytes; the archive is damaged",
                                  offset, long_names.size()));
      std::string_view rest = long_names.substr(offset);
      member_name = rest.substr(0, std::min(rest.find("/\n"), rest.find('\n')));
    } else {
      member_name = name.ends_with('/') ? name.substr(0, name.size() - 1) : name;
    }
    if (!member_name.empty())
      members.push_back(
          {member_name, fmt::format("{}({})", archive_name, member_name), data, contents});
    at = at + header_size + size + (size & 1);
  }
  return members;
}

} // namespace xport::elf
