// A thin LLVM MC setup for one machine: target, register/instruction info and disassembler, plus
// the facts the thread-pointer scan asks of a decoded MCInst. One instance per thread, since the
// MC objects carry decoding state.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "elf/elf_file.hpp"

namespace llvm {
class MCInst;
}

namespace xport::elf {

enum class TpHit : uint8_t { none, read, canary };

class McDecoder {
public:
  // Throws xport::Error naming `file` when LLVM has no disassembler for the machine.
  McDecoder(const ElfFile& elf, bool thumb);
  ~McDecoder();

  // Decodes one instruction at `bytes` (address `address`); returns its size (0 when invalid; the
  // caller steps over it) and whether it reads the thread pointer.
  std::size_t decode(std::span<const uint8_t> bytes, uint64_t address, TpHit& hit);
  // Bytes to step over an undecodable instruction (1 on x86, the instruction unit elsewhere).
  unsigned min_step() const;
  // The segment-override prefix byte of thread-pointer operands (x86), else 0.
  uint8_t segment_prefix() const;

private:
  struct State;
  std::unique_ptr<State> state_;
};

} // namespace xport::elf
