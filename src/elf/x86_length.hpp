// A fast x86-64 instruction length decoder for the thread-pointer scan's common case: stepping
// over instructions that cannot touch %fs. It knows the lengths of the general-purpose and SSE
// encodings compilers emit and answers 0 ("ask LLVM MC") for everything else: VEX/EVEX/XOP,
// 0F38/0F3A, x87, far/moffs forms, encodings with invalid variants, 66-prefixed branches, and
// anything longer than 15 bytes or past the end. The scan decodes every instruction with a
// segment prefix through LLVM MC, so this only ever decides where instructions start; the
// objdump comparison (tests/e2e/tp_scan_objdump.sh) checks that it decides as LLVM does.
// Reference: Intel SDM vol. 2, appendix A (opcode maps) and 2.1 (instruction format).
#pragma once

#include <cstddef>
#include <cstdint>

namespace xport::elf {

bool is_x86_legacy_prefix(uint8_t byte);

// Length of the 64-bit-mode instruction at `p` (`n` bytes available), or 0 when the fast path
// does not decide it. `prefixed` is set when a legacy prefix equals `segment_prefix`.
std::size_t x86_64_length(const uint8_t* p, std::size_t n, uint8_t segment_prefix, bool& prefixed);

} // namespace xport::elf
