// The OS/ABI note ("this binary is for FreeBSD 13.2") and the build-id, decoded from an image's
// notes the way each OS encodes them. The text matches file(1) (src/readelf.c in file 5.44:
// do_note_freebsd_version, do_note_netbsd_version, the GNU and DragonFly cases of do_os_note).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "elf/elf_file.hpp"
#include "target/profile.hpp"

namespace xport::elf {

struct OsNote {
  std::string note_name; // "FreeBSD", "GNU", "DragonFly", "NetBSD", "OpenBSD"
  uint32_t type = 0;
  std::string os;                   // "FreeBSD", "GNU/Linux", "DragonFly", "NetBSD", "OpenBSD"
  std::string version;              // "13.2", "3.2.0", "3.0.702", "" (OpenBSD)
  std::vector<uint32_t> components; // comparable version: {13, 2, 0}
  uint32_t raw = 0;                 // the descriptor word (FreeBSD, DragonFly, NetBSD)
  target::NoteVersionEncoding encoding = target::NoteVersionEncoding::none;
  uint64_t offset = 0;
  std::string text() const; // "for FreeBSD 13.2", as file(1) prints it
};

// The first OS ABI note among `notes`, if any.
std::optional<OsNote> find_os_note(const ElfFile& elf, const std::vector<Note>& notes);

// NT_GNU_BUILD_ID as lowercase hex, and file(1)'s hash name for its length ("sha1", "md5"...).
struct BuildId {
  std::string hex;
  std::string kind;
};
std::optional<BuildId> find_build_id(const std::vector<Note>& notes);

// "13.2" -> {13, 2}; non-numeric parts stop the parse.
std::vector<uint32_t> parse_version(std::string_view text);
// Lexicographic comparison with missing components taken as 0.
int compare_versions(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);

std::string_view encoding_name(target::NoteVersionEncoding encoding);

} // namespace xport::elf
