// FNV-1a, 64 bits: a fast key for caches and names (not a security boundary; the store's file
// hashes are SHA-256). Each add() ends with a separator byte, so ("ab","c") and ("a","bc") differ.
#pragma once

#include <cstdint>
#include <string_view>

namespace xport::util {

struct Fnv64 {
  uint64_t h = 0xcbf29ce484222325ull;
  Fnv64& add(std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 0x100000001b3ull;
    }
    h ^= 0xff;
    h *= 0x100000001b3ull;
    return *this;
  }
};

} // namespace xport::util
