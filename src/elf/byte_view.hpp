// ByteView: bounds-checked reads from untrusted bytes (an ELF file or an archive member). Every
// read names the input and the offset when it fails, so a truncated or hostile file becomes one
// xport::Error, never a read past the end.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

#include "util/error.hpp"

namespace xport::elf {

class ByteView {
public:
  ByteView() = default;
  ByteView(std::string name, std::span<const uint8_t> bytes, bool big_endian = false)
      : name_(std::move(name)), bytes_(bytes), big_endian_(big_endian) {}

  const std::string& name() const { return name_; }
  std::span<const uint8_t> bytes() const { return bytes_; }
  std::size_t size() const { return bytes_.size(); }
  bool big_endian() const { return big_endian_; }
  void set_big_endian(bool big) { big_endian_ = big; }
  // True when the input's byte order is not the host's.
  bool swaps() const { return big_endian_ != (std::endian::native == std::endian::big); }
  // An integer read from the input, put in host byte order.
  template <typename T> T host_order(T value) const { return swaps() ? swap(value) : value; }

  // True when [offset, offset+length) lies inside the input (without overflow).
  bool contains(uint64_t offset, uint64_t length) const {
    return offset <= bytes_.size() && length <= bytes_.size() - offset;
  }

  // Throws unless [offset, offset+length) lies inside; `what` says which structure was read.
  void require(uint64_t offset, uint64_t length, std::string_view what) const;

  std::span<const uint8_t> slice(uint64_t offset, uint64_t length, std::string_view what) const {
    require(offset, length, what);
    return bytes_.subspan(offset, length);
  }

  uint8_t u8(uint64_t offset, std::string_view what) const {
    require(offset, 1, what);
    return bytes_[offset];
  }
  uint16_t u16(uint64_t offset, std::string_view what) const {
    return read<uint16_t>(offset, what);
  }
  uint32_t u32(uint64_t offset, std::string_view what) const {
    return read<uint32_t>(offset, what);
  }
  uint64_t u64(uint64_t offset, std::string_view what) const {
    return read<uint64_t>(offset, what);
  }
  // A 32- or 64-bit word, by the file's class.
  uint64_t word(uint64_t offset, bool is64, std::string_view what) const {
    return is64 ? u64(offset, what) : u32(offset, what);
  }

  // The NUL-terminated string at `offset`; throws if no NUL follows inside the input.
  std::string_view cstring(uint64_t offset, std::string_view what) const;

  // An error about this input at `offset`: "<name>: offset 0x<offset>: <message>".
  [[noreturn]] void fail(uint64_t offset, std::string_view message) const;

private:
  template <typename T> T read(uint64_t offset, std::string_view what) const {
    require(offset, sizeof(T), what);
    T value;
    std::memcpy(&value, bytes_.data() + offset, sizeof(T));
    return host_order(value);
  }
  template <typename T> static T swap(T v) {
    using U = std::make_unsigned_t<T>;
    U u = static_cast<U>(v);
    if constexpr (sizeof(T) == 1)
      return v;
    else if constexpr (sizeof(T) == 2)
      u = __builtin_bswap16(u);
    else if constexpr (sizeof(T) == 4)
      u = __builtin_bswap32(u);
    else
      u = __builtin_bswap64(u);
    return static_cast<T>(u);
  }

  std::string name_;
  std::span<const uint8_t> bytes_;
  bool big_endian_ = false;
};

} // namespace xport::elf
