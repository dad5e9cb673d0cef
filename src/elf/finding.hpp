// A finding of `xport check`: severity, a stable code (documented in docs/checks.md), the place
// (file, archive member, section, addresses, demangled symbol) and a reason a person can act on.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace xport::elf {

enum class Severity { note, warning, error };

struct Finding {
  Severity severity = Severity::error;
  std::string code;    // "thread-pointer-read"
  std::string file;    // "libfoo.a(bar.o)" or "hw"
  std::string member;  // "bar.o" for an archive member
  std::string section; // ".text"
  std::vector<uint64_t> addresses;
  std::string symbol;  // demangled
  std::string message; // what is wrong, with the place
  std::string remedy;  // what to do

  std::string to_text() const; // "hw: error [code]: message\n  fix: remedy"
  nlohmann::json to_json() const;
};

std::string_view severity_name(Severity severity);

struct FindingCode {
  std::string_view code;
  Severity severity;
  std::string_view summary;
};

// Every code check can report, sorted by code (docs/checks.md describes each).
std::span<const FindingCode> finding_codes();
// The code's row; throws xport::Error for an unknown code (a programming error).
const FindingCode& finding_code(std::string_view code);

// A finding of `code` with its table severity.
Finding make_finding(std::string_view code, std::string file, std::string member = {});

// Demangles C++ (Itanium) and Rust (legacy and v0) names; returns others unchanged.
std::string demangle(std::string_view name);

// "0x1234, 0x1240 and 3 more" (at most `shown` addresses listed).
std::string address_list(const std::vector<uint64_t>& addresses, std::size_t shown = 4);

} // namespace xport::elf
