// A finding of `xport check`: severity, a stable code (documented in docs/checks.md), the place
// (file, archive member, section, addresses, demangled symbol) and a reason a person can act on.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace xport::elf {

enum class Severity { note, warning, error };

// Every code check can report, in the order of their spellings (docs/checks.md describes each).
enum class Code {
  abi_copy_size,
  abi_hash_style,
  abi_needed,
  abi_symbol_missing,
  abi_symbol_version,
  class_mismatch,
  endian_mismatch,
  interpreter_mismatch,
  machine_mismatch,
  malformed,
  needed_missing,
  os_note_mismatch,
  os_note_missing,
  os_note_too_old,
  relocation_unsupported,
  stack_protector_canary,
  static_initializers_not_run,
  static_initializers_unverified,
  symbol_unavailable,
  symbol_version_above_ceiling,
  text_relocation,
  thread_pointer_read,
  tls_relocation,
  tls_segment,
  undefined_symbol,
};

struct Finding {
  Severity severity = Severity::error;
  Code code = Code::malformed;
  std::string file;    // "libfoo.a(bar.o)" or "hw"
  std::string member;  // "bar.o" for an archive member
  std::string section; // ".text"
  std::vector<uint64_t> addresses;
  std::string symbol;  // demangled
  std::string message; // what is wrong, with the place
  std::string remedy;  // what to do

  std::string to_text() const; // "hw: error [code]: message\n  fix: remedy"
  // One JSON object on one line, in the order docs/checks.md gives; invalid UTF-8 in names
  // becomes U+FFFD. Written as text: a check of a large library prints tens of thousands.
  void append_json(std::string& out) const;
  nlohmann::json to_json() const;
};

std::string_view severity_name(Severity severity);

struct FindingCode {
  Code value;
  std::string_view name; // "thread-pointer-read"
  Severity severity;
  std::string_view summary;
};

// Every code's row, in the enum's order, which is the order of the names.
std::span<const FindingCode> finding_codes();
const FindingCode& finding_code(Code code);
std::string_view code_name(Code code);
// The code spelled `name`, or nullopt (a user's --only/--ignore word).
std::optional<Code> parse_code(std::string_view name);

// A finding of `code` with its table severity.
Finding make_finding(Code code, std::string file, std::string member = {});

// Demangles C++ (Itanium) and Rust (legacy and v0) names; returns others unchanged.
std::string demangle(std::string_view name);

// "0x1234, 0x1240 and 3 more" (at most `shown` addresses listed).
std::string address_list(const std::vector<uint64_t>& addresses, std::size_t shown = 4);

} // namespace xport::elf
