// Failure messages of ByteView: every one names the input, the offset and the structure read.
#include "elf/byte_view.hpp"

#include <fmt/format.h>

namespace xport::elf {

void ByteView::require(uint64_t offset, uint64_t length, std::string_view what) const {
  if (contains(offset, length))
    return;
  fail(offset,
       fmt::format("{} ({} bytes) extends past the end of the input ({} bytes); the file is "
                   "truncated or damaged: rebuild or download it again",
                   what, length, bytes_.size()));
}

std::string_view ByteView::cstring(uint64_t offset, std::string_view what) const {
  require(offset, 1, what);
  const void* nul = std::memchr(bytes_.data() + offset, 0, bytes_.size() - offset);
  if (!nul)
    fail(offset, fmt::format("{} is not NUL-terminated before the end of the input; the file is "
                             "damaged: rebuild it",
                             what));
  return {reinterpret_cast<const char*>(bytes_.data() + offset),
          static_cast<std::size_t>(static_cast<const uint8_t*>(nul) - bytes_.data() - offset)};
}

void ByteView::fail(uint64_t offset, std::string_view message) const {
  throw Error("{}: offset 0x{:x}: {}", name_, offset, message);
}

} // namespace xport::elf
