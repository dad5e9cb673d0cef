// Decoding OS ABI notes. Each OS packs its version differently into the descriptor:
//   GNU (NT_GNU_ABI_TAG, 16 bytes): OS word (0 Linux, 1 Hurd, 2 Solaris, 3 kFreeBSD, 4 kNetBSD),
//     then major, minor, patch words;
//   FreeBSD (NT_FREEBSD_ABI_TAG, 4 bytes): __FreeBSD_version, e.g. 1302000 = 13.2;
//   DragonFly (NT_DRAGONFLY_ABI_TAG, 4 bytes): e.g. 300702 = 3.0.702;
//   NetBSD (NT_NETBSD_IDENT, 4 bytes): __NetBSD_Version__ MMmmrrpp00;
//   OpenBSD (NT_OPENBSD_IDENT, 4 bytes): always 0, no version.
// The text follows file(1)'s readelf.c so `xport inspect` and `file` agree word for word.
#include "elf/os_note.hpp"

#include <charconv>

#include <fmt/format.h>

namespace xport::elf {
namespace {

using target::NoteVersionEncoding;

uint32_t desc_word(const ElfFile& elf, std::span<const uint8_t> desc, std::size_t index) {
  uint32_t v;
  std::memcpy(&v, desc.data() + 4 * index, 4);
  return elf.big_endian() != (std::endian::native == std::endian::big) ? __builtin_bswap32(v) : v;
}

std::string freebsd_version(uint32_t d) {
  // file(1)'s do_note_freebsd_version, including its historical numbering schemes.
  if (d == 460002)
    return "4.6.2";
  std::string v;
  if (d < 460100) {
    v = fmt::format("{}.{}", d / 100000, d / 10000 % 10);
    if (d / 1000 % 10 > 0)
      v += fmt::format(".{}", d / 1000 % 10);
    if (d % 1000 > 0 || d % 100000 == 0)
      v += fmt::format(" ({})", d);
  } else if (d < 500000) {
    v = fmt::format("{}.{}", d / 100000, d / 10000 % 10 + d / 1000 % 10);
    if (d / 100 % 10 > 0)
      v += fmt::format(" ({})", d);
    else if (d / 10 % 10 > 0)
      v += fmt::format(".{}", d / 10 % 10);
  } else {
    v = fmt::format("{}.{}", d / 100000, d / 1000 % 100);
    if (d / 100 % 10 > 0 || d % 100000 / 100 == 0)
      v += fmt::format(" ({})", d);
    else if (d / 10 % 10 > 0)
      v += fmt::format(".{}", d / 10 % 10);
  }
  return v;
}

std::string netbsd_version(uint32_t d) {
  // file(1)'s do_note_netbsd_version: before 1.4 the word was a constant 199905 with no meaning.
  if (d <= 100000000U)
    return "";
  uint32_t patch = d / 100 % 100, release = d / 10000 % 100, minor = d / 1000000 % 100,
           major = d / 100000000;
  std::string v = fmt::format("{}.{}", major, minor);
  if (release == 0 && patch != 0)
    v += fmt::format(".{}", patch);
  else if (release != 0) {
    while (release > 26) {
      v += 'Z';
      release -= 26;
    }
    v += static_cast<char>('A' + release - 1);
  }
  return v;
}

const char* gnu_os_name(uint32_t os) {
  static const char* const names[] = {"Linux", "Hurd", "Solaris", "kFreeBSD", "kNetBSD"};
  return os < std::size(names) ? names[os] : "<unknown>";
}

} // namespace

std::string OsNote::text() const {
  return version.empty() ? fmt::format("for {}", os) : fmt::format("for {} {}", os, version);
}

std::optional<OsNote> find_os_note(const ElfFile& elf, const std::vector<Note>& notes) {
  for (const Note& n : notes) {
    OsNote out;
    out.note_name = n.name;
    out.type = n.type;
    out.offset = n.offset;
    if (n.name == "GNU" && n.type == 1 && n.desc.size() == 16) {
      uint32_t os = desc_word(elf, n.desc, 0);
      out.os = fmt::format("GNU/{}", gnu_os_name(os));
      out.components = {desc_word(elf, n.desc, 1), desc_word(elf, n.desc, 2),
                        desc_word(elf, n.desc, 3)};
      out.version =
          fmt::format("{}.{}.{}", out.components[0], out.components[1], out.components[2]);
      out.encoding = NoteVersionEncoding::gnu;
      return out;
    }
    if (n.type != 1 || n.desc.size() != 4)
      continue;
    uint32_t d = desc_word(elf, n.desc, 0);
    out.raw = d;
    if (n.name == "FreeBSD") {
      out.os = "FreeBSD";
      out.version = freebsd_version(d);
      out.components = {d / 100000, d / 1000 % 100, d % 1000};
      out.encoding = NoteVersionEncoding::freebsd;
    } else if (n.name == "DragonFly") {
      out.os = "DragonFly";
      out.version = fmt::format("{}.{}.{}", d / 100000, d / 10000 % 10, d % 10000);
      out.components = {d / 100000, d / 10000 % 10, d % 10000};
      out.encoding = NoteVersionEncoding::dragonfly;
    } else if (n.name == "NetBSD") {
      out.os = "NetBSD";
      out.version = netbsd_version(d);
      out.components = {d / 100000000, d / 1000000 % 100, d / 100 % 100};
      out.encoding = NoteVersionEncoding::netbsd;
    } else if (n.name == "OpenBSD") {
      out.os = "OpenBSD";
      out.encoding = NoteVersionEncoding::openbsd;
    } else {
      continue;
    }
    return out;
  }
  return std::nullopt;
}

std::optional<BuildId> find_build_id(const std::vector<Note>& notes) {
  for (const Note& n : notes) {
    if (n.name != "GNU" || n.type != 3 || n.desc.empty())
      continue;
    BuildId id;
    for (uint8_t b : n.desc)
      id.hex += fmt::format("{:02x}", b);
    // file(1): 8 bytes xxHash, 16 md5/uuid, 20 sha1, anything else by its length.
    switch (n.desc.size()) {
    case 8:
      id.kind = "xxHash";
      break;
    case 16:
      id.kind = "md5/uuid";
      break;
    case 20:
      id.kind = "sha1";
      break;
    default:
      id.kind = fmt::format("{} bytes", n.desc.size());
    }
    return id;
  }
  return std::nullopt;
}

std::vector<uint32_t> parse_version(std::string_view text) {
  std::vector<uint32_t> parts;
  while (!text.empty()) {
    uint32_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc())
      break;
    parts.push_back(value);
    text.remove_prefix(static_cast<std::size_t>(end - text.data()));
    if (text.empty() || text.front() != '.')
      break;
    text.remove_prefix(1);
  }
  return parts;
}

int compare_versions(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  for (std::size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
    uint32_t x = i < a.size() ? a[i] : 0, y = i < b.size() ? b[i] : 0;
    if (x != y)
      return x < y ? -1 : 1;
  }
  return 0;
}

std::string_view encoding_name(target::NoteVersionEncoding encoding) {
  return target::to_string(encoding);
}

} // namespace xport::elf
