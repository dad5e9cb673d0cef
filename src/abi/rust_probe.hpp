// The probe crate of `xport abi check-rust` (abi/rust_check.hpp): what to ask rustc for a dump, the
// Rust source that asks it, rustc's JSON diagnostics mapped back to the questions it could not
// answer, and the answers read back from the compiled object's symbols. Pure but for the ELF read.
//
// Question i is the static XPORT_<i> on line probe_line(i) of the source; a question dropped after
// an error leaves an empty line, so the lines of the others never move.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "abi/layout.hpp"
#include "abi/rust_check.hpp"
#include "elf/elf_file.hpp"

namespace xport::abi {

enum class ProbeKind { size, align, offset, field_size, value };

struct ProbeItem {
  ProbeKind kind = ProbeKind::size;
  std::string name;  // the record or constant
  std::string field; // offset and field_size: "st_ino", or "a.b" for a nested member
};

struct ProbePlan {
  std::vector<ProbeItem> items;
  std::vector<NotCompared> skipped; // what the C side has that no Rust expression can name
};

// The questions for every record and integer constant of the dump; bitfields, anonymous members
// and names Rust cannot spell go to `skipped`.
ProbePlan plan_probe(const Dump& c_side);

// The probe crate's source: `crate` is the extern crate's name as Rust spells it ("libc").
std::string probe_source(const std::vector<ProbeItem>& items, const std::vector<bool>& alive,
                         const std::string& crate);
unsigned probe_line(std::size_t index);

// One error rustc reported, with the probe lines it points at (through macro expansions).
struct ProbeError {
  std::vector<unsigned> lines;
  std::string code;     // "E0412"; "" for const evaluation errors
  std::string message;  // the first line
  std::string rendered; // as rustc prints it
};

// Reads rustc's --error-format=json output (one object per line; other lines are ignored) into
// its errors; `file` is the probe's path as given to rustc. "aborting due to ..." is not an error.
std::vector<ProbeError> parse_probe_errors(std::string_view output, const std::string& file);

// Why a question has no answer, from the error: "not in the crate", "no such field in the
// crate", "private in the crate", "not an integer in the crate", or rustc's message.
std::string reason_of(const ProbeError& error);

// An answer: an unsigned layout value in `lo`; a constant as the 128-bit two's complement
// (hi:lo) of `libc::X as i128` with the Rust type's width in bytes.
struct RustValue {
  uint64_t lo = 0;
  int64_t hi = 0;
  uint64_t width = 0;
};

// The answers for `items` from the compiled probe: the XPORT_<i> symbols' bytes, in the object's
// byte order. Throws xport::Error naming the object when a symbol is missing or out of bounds.
std::map<std::size_t, RustValue> read_probe_values(const elf::ElfFile& object,
                                                   const std::vector<ProbeItem>& items,
                                                   const std::vector<bool>& alive);

// "35", "-1", "18446744073709551615", or "0x<hi>_<lo>" past 64 bits.
std::string value_text(const RustValue& value);

} // namespace xport::abi
