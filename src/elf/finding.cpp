// The finding code table, text and JSON forms of findings, and demangling of symbol names.
#include "elf/finding.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <llvm/Demangle/Demangle.h>

#include "util/error.hpp"
#include "util/json_text.hpp"

namespace xport::elf {
namespace {

// In the enum's order, which is the names' order (checked below and by a unit test);
// docs/checks.md has one row per code.
constexpr FindingCode codes[] = {
    {Code::abi_copy_size, "abi-copy-size", Severity::error,
     "a copy relocation of an object the ABI lists smaller, or not as an object"},
    {Code::abi_hash_style, "abi-hash-style", Severity::error,
     "a .gnu.hash without the .hash the target's loader reads"},
    {Code::abi_needed, "abi-needed", Severity::error,
     "a DT_NEEDED library the symbol-ABI layer does not provide for the APIs in use"},
    {Code::abi_symbol_missing, "abi-symbol-missing", Severity::error,
     "an import no symbol file of the APIs in use defines"},
    {Code::abi_symbol_version, "abi-symbol-version", Severity::warning,
     "a versioned reference, whose version the target's loader ignores"},
    {Code::class_mismatch, "class-mismatch", Severity::error,
     "ELF class (32/64-bit) differs from the target's"},
    {Code::endian_mismatch, "endian-mismatch", Severity::error,
     "byte order differs from the target's"},
    {Code::interpreter_mismatch, "interpreter-mismatch", Severity::error,
     "PT_INTERP is not the target's dynamic linker"},
    {Code::machine_mismatch, "machine-mismatch", Severity::error,
     "e_machine is not the target's architecture"},
    {Code::malformed, "malformed", Severity::error,
     "the file or archive member cannot be read as ELF"},
    {Code::needed_missing, "needed-missing", Severity::error,
     "a DT_NEEDED library is not in the sysroot"},
    {Code::os_note_mismatch, "os-note-mismatch", Severity::error,
     "the OS ABI note names another OS"},
    {Code::os_note_missing, "os-note-missing", Severity::error,
     "a linked program carries no OS ABI note"},
    {Code::os_note_too_old, "os-note-too-old", Severity::error,
     "the OS ABI note's version is below the target's minimum"},
    {Code::relocation_unsupported, "relocation-unsupported", Severity::error,
     "a relocation type the target's loader rejects"},
    {Code::stack_protector_canary, "stack-protector-canary", Severity::error,
     "reads the stack-protector canary through the thread pointer"},
    {Code::static_initializers_not_run, "static-initializers-not-run", Severity::error,
     "a static program has initializers its start files never call"},
    {Code::static_initializers_unverified, "static-initializers-unverified", Severity::warning,
     "a stripped static program has initializers xport cannot verify"},
    {Code::symbol_unavailable, "symbol-unavailable", Severity::warning,
     "imports a symbol the profile says the target's C library lacks"},
    {Code::symbol_version_above_ceiling, "symbol-version-above-ceiling", Severity::error,
     "needs a symbol version newer than its family's ceiling (max-versions, --max-version)"},
    {Code::text_relocation, "text-relocation", Severity::warning,
     "the program needs its text patched at load time"},
    {Code::thread_pointer_read, "thread-pointer-read", Severity::error,
     "reads the thread pointer on a target that provides no TLS through it"},
    {Code::tls_relocation, "tls-relocation", Severity::error,
     "a TLS relocation on a target with emulated TLS"},
    {Code::tls_segment, "tls-segment", Severity::error,
     "a PT_TLS segment on a target with emulated TLS"},
    {Code::undefined_symbol, "undefined-symbol", Severity::error,
     "an undefined symbol no NEEDED library defines"},
};

constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < std::size(codes); ++i)
    if (static_cast<std::size_t>(codes[i].value) != i ||
        (i > 0 && !(codes[i - 1].name < codes[i].name)))
      return false;
  return true;
}
static_assert(in_enum_order(), "finding codes: one row per enum value, in order, sorted by name");

} // namespace

std::span<const FindingCode> finding_codes() {
  return codes;
}

const FindingCode& finding_code(Code code) {
  return codes[static_cast<std::size_t>(code)];
}

std::string_view code_name(Code code) {
  return finding_code(code).name;
}

std::optional<Code> parse_code(std::string_view name) {
  auto it =
      std::lower_bound(std::begin(codes), std::end(codes), name,
                       [](const FindingCode& row, std::string_view n) { return row.name < n; });
  if (it == std::end(codes) || it->name != name)
    return std::nullopt;
  return it->value;
}

Finding make_finding(Code code, std::string file, std::string member) {
  Finding f;
  f.code = code;
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
  std::string text =
      fmt::format("{}: {} [{}]: {}", file, severity_name(severity), code_name(code), message);
  if (!remedy.empty())
    text += fmt::format("\n    fix: {}", remedy);
  return text;
}

void Finding::append_json(std::string& out) const {
  auto field = [&](std::string_view key, std::string_view value, bool null_when_empty) {
    out += '"';
    out += key;
    out += "\": ";
    if (null_when_empty && value.empty())
      out += "null";
    else
      util::append_json_string(out, value);
    out += ", ";
  };
  out += '{';
  field("severity", severity_name(severity), false);
  field("code", code_name(code), false);
  field("file", file, false);
  field("member", member, true);
  field("section", section, true);
  field("symbol", symbol, true);
  out += "\"addresses\": [";
  char hex[24];
  for (std::size_t i = 0; i < addresses.size(); ++i) {
    if (i)
      out += ", ";
    auto end = fmt::format_to_n(hex, sizeof hex, "\"0x{:x}\"", addresses[i]).out;
    out.append(hex, end);
  }
  out += "], ";
  field("message", message, false);
  out += "\"remedy\": ";
  util::append_json_string(out, remedy);
  out += '}';
}

nlohmann::json Finding::to_json() const {
  std::string text;
  append_json(text);
  return nlohmann::json::parse(text);
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
