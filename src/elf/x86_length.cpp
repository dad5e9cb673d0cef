// Opcode tables for x86_64_length. One character per opcode:
//   '.' no operands after the opcode    'M' ModRM            'b' imm8     'w' imm16
//   'z' imm16/imm32 by operand size     'B' ModRM + imm8     'Z' ModRM + imm16/imm32
//   'v' imm16/32/64 (B8-BF mov)         'J' rel32 branch (ask LLVM under a 66 prefix)
//   'F' F6/F7 group (imm only for /0 and /1)    'G' groups with invalid forms (checked below)
//   'X' ask LLVM MC
#include "elf/x86_length.hpp"

namespace xport::elf {
namespace {

// 0x00 - 0xff, 16 per row.
constexpr char one_byte[] = "MMMMbzXXMMMMbzXX"  // 00 (0F handled before)
                            "MMMMbzXXMMMMbzXX"  // 10
                            "MMMMbzXXMMMMbzXX"  // 20 (26, 2E are prefixes, handled before)
                            "MMMMbzXXMMMMbzXX"  // 30
                            "XXXXXXXXXXXXXXXX"  // 40 REX, handled before
                            "................"  // 50
                            "XXXMXXXXzZbBXXXX"  // 60 (6C-6F string I/O: rare, ask)
                            "bbbbbbbbbbbbbbbb"  // 70
                            "BZXBMMMMMMMMXGXG"  // 80 (8C/8E segment moves: ask)
                            "..........X....."  // 90
                            "XXXX....bz......"  // A0
                            "bbbbbbbbvvvvvvvv"  // B0
                            "BBw.XXGGX.w..bX."  // C0
                            "MMMMXXX.XXXXXXXX"  // D0
                            "bbbbbbbbJJXbXXXX"  // E0 (E4-E7, EC-EF port I/O: E4-E7 imm8)
                            "XXXX..FF......GG"; // F0

constexpr char two_byte[] = "XXXXX...XXXXXMXX"  // 00 (0F 0F 3DNow: ask)
                            "MMMMMMMMMMMMMMMM"  // 10
                            "XXXXXXXXMMMMMMMM"  // 20
                            "......XXXXXXXXXX"  // 30 (38, 3A three-byte maps: ask)
                            "MMMMMMMMMMMMMMMM"  // 40
                            "MMMMMMMMMMMMMMMM"  // 50
                            "MMMMMMMMMMMMMMMM"  // 60
                            "BBBBMMM.MMXXMMMM"  // 70
                            "JJJJJJJJJJJJJJJJ"  // 80
                            "MMMMMMMMMMMMMMMM"  // 90
                            "...MBMXX...MBMMM"  // A0
                            "MMMMMMMMXXBMMMMM"  // B0
                            "MMBMBBBM........"  // C0
                            "MMMMMMMMMMMMMMMM"  // D0
                            "MMMMMMMMMMMMMMMM"  // E0
                            "MMMMMMMMMMMMMMMX"; // F0

} // namespace

namespace {

// Bytes of ModRM, SIB and displacement starting at `p` (32/64-bit addressing); 0 if out of bytes.
std::size_t modrm_length(const uint8_t* p, std::size_t n) {
  if (n < 1)
    return 0;
  uint8_t modrm = p[0], mod = modrm >> 6, rm = modrm & 7;
  std::size_t len = 1;
  if (mod == 3)
    return len;
  if (rm == 4) {
    if (n < 2)
      return 0;
    uint8_t base = p[1] & 7;
    len += 1;
    if (mod == 0 && base == 5)
      len += 4;
  } else if (mod == 0 && rm == 5) {
    len += 4; // RIP-relative
  }
  if (mod == 1)
    len += 1;
  else if (mod == 2)
    len += 4;
  return len;
}

} // namespace

static_assert(sizeof(one_byte) == 257 && sizeof(two_byte) == 257);

std::size_t x86_64_length(const uint8_t* p, std::size_t n, uint8_t segment_prefix, bool& prefixed) {
  prefixed = false;
  std::size_t i = 0;
  bool opsize = false, rexw = false;
  while (i < n && is_x86_legacy_prefix(p[i])) {
    opsize |= p[i] == 0x66;
    prefixed |= p[i] == segment_prefix;
    if (p[i] == 0x67)
      return 0; // address-size override: rare, ask
    if (++i >= 15)
      return 0;
  }
  if (i < n && (p[i] & 0xf0) == 0x40) {
    rexw = p[i] & 8;
    ++i;
  }
  if (i >= n)
    return 0;
  uint8_t op = p[i++];
  char kind;
  if (op == 0x0f) {
    if (i >= n)
      return 0;
    op = p[i++];
    kind = two_byte[op];
  } else {
    kind = one_byte[op];
  }
  std::size_t modrm = 0, imm = 0;
  const std::size_t z = opsize ? 2 : 4;
  auto need_modrm = [&]() {
    modrm = modrm_length(p + i, n - i);
    return modrm != 0;
  };
  switch (kind) {
  case '.':
    break;
  case 'b':
    imm = 1;
    break;
  case 'w':
    imm = 2;
    break;
  case 'z':
    imm = z;
    break;
  case 'v':
    imm = rexw ? 8 : z;
    break;
  case 'J':
    if (opsize)
      return 0;
    imm = 4;
    break;
  case 'M':
    if (!need_modrm())
      return 0;
    break;
  case 'B':
    if (!need_modrm())
      return 0;
    imm = 1;
    break;
  case 'Z':
    if (!need_modrm())
      return 0;
    imm = z;
    break;
  case 'F': {
    if (!need_modrm())
      return 0;
    uint8_t reg = (p[i] >> 3) & 7;
    if (reg == 0 || reg == 1)
      imm = op == 0xf6 ? 1 : z;
    break;
  }
  case 'G': {
    if (i >= n || !need_modrm())
      return 0;
    uint8_t reg = (p[i] >> 3) & 7, mod = p[i] >> 6;
    switch (op) {
    case 0x8d: // lea: no register form
      if (mod == 3)
        return 0;
      break;
    case 0x8f: // pop r/m; other /reg values are XOP
    case 0xc6: // mov r/m, imm (xabort is C6 F8: ask)
    case 0xc7:
      if (reg != 0)
        return 0;
      imm = op == 0xc6 ? 1 : op == 0xc7 ? z : 0;
      break;
    case 0xfe:
      if (reg > 1)
        return 0;
      break;
    case 0xff:
      if (reg == 7 || ((reg == 3 || reg == 5) && mod == 3))
        return 0;
      break;
    default:
      return 0;
    }
    break;
  }
  default:
    return 0;
  }
  std::size_t length = i + modrm + imm;
  if (length > 15 || length > n)
    return 0;
  return length;
}

std::size_t x86_64_skip_plain(const uint8_t* p, std::size_t n, std::size_t limit,
                              uint8_t segment_prefix) {
  std::size_t at = 0;
  while (at < limit && p[at] != 0) {
    // A REX byte before a prefix or another REX stands alone: the caller's case.
    if ((p[at] & 0xf0) == 0x40 && at + 1 < n &&
        (is_x86_legacy_prefix(p[at + 1]) || (p[at + 1] & 0xf0) == 0x40))
      break;
    bool prefixed = false;
    std::size_t length = x86_64_length(p + at, n - at, segment_prefix, prefixed);
    if (!length || prefixed)
      break;
    at += length;
  }
  return at;
}

} // namespace xport::elf
