// One member of a medium as the readers present it, whatever the format: its name as stored, its
// kind, permission bits, size and link text, and a way to pull its data block by block.
#pragma once

#include <cstdint>
#include <string>

namespace xport::sysroot {

enum class MemberKind { file, directory, symlink, hardlink, special };

struct Member {
  std::string name; // as stored in the medium: "./usr/lib/libc.so", untrusted
  MemberKind kind = MemberKind::file;
  uint32_t mode = 0;     // permission bits, set-id bits included (07777)
  uint64_t size = 0;     // declared size of a file's data
  std::string link;      // symlink text, or the member a hardlink names
  std::string special;   // for MemberKind::special: "character device", "FIFO" ...
  std::string container; // the archive inside the medium it came from: "data.tar.xz" in a .deb
};

// The kind of a file on disk from its st_mode; `special` says which special kind it is.
MemberKind member_kind_of_mode(uint32_t st_mode, std::string& special);

// The data of the current member. Blocks come in order; `offset` may jump ahead over a hole.
class MemberData {
public:
  virtual ~MemberData() = default;
  // Returns false at the end of the data; throws xport::Error on a read or decode failure.
  virtual bool next_block(const void*& data, std::size_t& size, uint64_t& offset) = 0;
  // Bytes of the medium consumed so far (for progress).
  virtual uint64_t medium_bytes_read() const = 0;
};

} // namespace xport::sysroot
