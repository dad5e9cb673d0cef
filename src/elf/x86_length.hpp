// A fast x86-64 instruction length decoder for the thread-pointer scan's common case: stepping
// over instructions that cannot touch %fs. It knows the lengths of the general-purpose and SSE
// encodings compilers emit and answers 0 ("ask LLVM MC") for everything else: VEX/EVEX/XOP,
// 0F38/0F3A, x87, far/moffs forms, encodings with invalid variants, 66-prefixed branches, and
// anything longer than 15 bytes or past the end. The scan decodes every instruction with a
// segment prefix through LLVM MC, so this only ever decides where instructions start; the
// objdump comparison (tests/e2e/tp_scan_objdump.sh) checks that it decides as LLVM does.
// Reference: Intel SDM vol. 2, appendix A (opcode maps) and 2.1 (instruction format).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace xport::elf {

// The legacy prefixes: segment overrides (26 2E 36 3E 64 65), operand and address size (66 67),
// LOCK and REP (F0 F2 F3). A table: this is asked for every byte of every instruction scanned.
inline constexpr std::array<bool, 256> x86_legacy_prefixes = [] {
  std::array<bool, 256> table{};
  for (uint8_t b : {0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65, 0x66, 0x67, 0xf0, 0xf2, 0xf3})
    table[b] = true;
  return table;
}();

inline bool is_x86_legacy_prefix(uint8_t byte) {
  return x86_legacy_prefixes[byte];
}

// Length of the 64-bit-mode instruction at `p` (`n` bytes available), or 0 when the fast path
// does not decide it. `prefixed` is set when a legacy prefix equals `segment_prefix`.
std::size_t x86_64_length(const uint8_t* p, std::size_t n, uint8_t segment_prefix, bool& prefixed);

// Steps over the instructions from `p` that x86_64_length decides and that have no
// `segment_prefix`, while they start before `limit` (`n` bytes available); stops at a zero byte
// and at a REX byte standing alone, which the scan treats as objdump does. Returns the bytes
// stepped over. One call for the many instructions between two that touch the thread pointer.
std::size_t x86_64_skip_plain(const uint8_t* p, std::size_t n, std::size_t limit,
                              uint8_t segment_prefix);

} // namespace xport::elf
