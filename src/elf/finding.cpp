// The finding code table, text and JSON forms of findings, and demangling of symbol names.
#include "elf/finding.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <llvm/Demangle/Demangle.h>

#include "util/error.hpp"

namespace xport::elf {
namespace {

// Sorted by code; a unit test keeps it so. docs/checks.md has one section per row.
constexpr FindingCode codes[] = {
    {"class-mismatch", Severity::error, "ELF class (32/64-bit) differs from the target's"},
    {"endian-mismatch", Severity::error, "byte order differs from the target's"},
    {"interpreter-mismatch", Severity::error, "PT_INTERP is not the target's dynamic linker"},
    {"machine-mismatch", Severity::error, "e_machine is not the target's architecture"},
    {"malformed", Severity::error, "the file or archive member cannot be read as ELF"},
    {"needed-missing", Severity::error, "a DT_NEEDED library is not in the sysroot"},
    {"os-note-mismatch", Severity::error, "the OS ABI note names another OS"},
    {"os-note-missing", Severity::error, "a linked program carries no OS ABI note"},
    {"os-note-too-old", Severity::error, "the OS ABI note's version is below the target's minimum"},
    {"relocation-unsupported", Severity::error, "a relocation type the target's loader rejects"},
    {"stack-protector-canary", Severity::error,
     "reads the stack-protector canary through the thread pointer"},
    {"static-initializers-not-run", Severity::error,
     "a static program has initializers its start files never call"},
    {"static-initializers-unverified", Severity::warning,
     "a stripped static program has initializers xport cannot verify"},
    {"symbol-unavailable", Severity::warning,
     "imports a symbol the profile says the target's C library lacks"},
    {"text-relocation", Severity::warning, "the program needs its text patched at load time"},
    {"thread-pointer-read", Severity::error,
     "reads the thread pointer on a target that provides no TLS through it"},
    {"tls-relocation", Severity::error, "a TLS relocation on a target with emulated TLS"},
    {"tls-segment", Severity::error, "a PT_TLS segment on a target with emulated TLS"},
    {"undefined-symbol", Severity::error, "an undefined symbol no NEEDED library defines"},
};

} // namespace

std::span<const FindingCode> finding_codes() {
  return codes;
}

const FindingCode& finding_code(std::string_view code) {
  auto it =
      std::lower_bound(std::begin(codes), std::end(codes), code,
                       [](const FindingCode& row, std::string_view c) { return row.code < c; });
  if (it == std::end(codes) || it->code != code)
    throw Error("internal: unknown finding code '{}'", code);
  return *it;
}

Finding make_finding(std::string_view code, std::string file, std::string member) {
  Finding f;
  f.code = std::string(code);
  f.severity = finding_code(code).severity;
  f.file = std::move(file);
  f.member = std::move(member);
  return f;
}

std::string_view severity_name(Severity severity) {
  switch (severity) {
  case Severity::note:
    return "note";
  case Severity::warning:
    return "warning";
  default:
    return "error";
  }
}

std::string Finding::to_text() const {
  std::string text = fmt::format("{}: {} [{}]: {}", file, severity_name(severity), code, message);
  if (!remedy.empty())
    text += fmt::format("\n    fix: {}", remedy);
  return text;
}

nlohmann::json Finding::to_json() const {
  nlohmann::json j = {{"severity", severity_name(severity)},
                      {"code", code},
                      {"file", file},
                      {"message", message},
                      {"remedy", remedy}};
  j["member"] = member.empty() ? nlohmann::json(nullptr) : nlohmann::json(member);
  j["section"] = section.empty() ? nlohmann::json(nullptr) : nlohmann::json(section);
  j["symbol"] = symbol.empty() ? nlohmann::json(nullptr) : nlohmann::json(symbol);
  nlohmann::json addrs = nlohmann::json::array();
  for (uint64_t a : addresses)
    addrs.push_back(fmt::format("0x{:x}", a));
  j["addresses"] = addrs;
  return j;
}

std::string demangle(std::string_view name) {
  if (name.empty())
    return {};
  return llvm::demangle(std::string(name));
}

std::string address_list(const std::vector<uint64_t>& addresses, std::size_t shown) {
  std::string text;
  for (std::size_t i = 0; i < addresses.size() && i < shown; ++i)
    text += fmt::format("{}0x{:x}", i ? ", " : "", addresses[i]);
  if (addresses.size() > shown)
    text += fmt::format(" and {} more", addresses.size() - shown);
  return text;
}

} // namespace xport::elf
