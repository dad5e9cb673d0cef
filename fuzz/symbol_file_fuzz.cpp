// libFuzzer target for symbol files (sysroot/symbol_abi.hpp) and the stubs' assembler text made of
// them (driver/abi_stubs.hpp): any text a tree may hold is parsed or refused with xport::Error,
// never a crash; every name parsed is one a C or C++ symbol can hold, and every statement of the
// assembler text begins with a directive or instruction the stub maker writes itself, so a file
// can carry no directive of its own (a name may well contain ".incbin": only a statement's start
// counts).
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "driver/abi_stubs.hpp"
#include "sysroot/symbol_abi.hpp"
#include "util/error.hpp"

namespace {

constexpr std::array<std::string_view, 12> written = {".data",   ".text",  ".bss",  ".section",
                                                      ".global", ".weak",  ".type", ".size",
                                                      ".skip",   ".dword", ".long", "movq"};

// The statement's first word once a leading `name:` label is taken off; empty when the statement
// is a label alone.
std::string_view leading_word(std::string_view statement) {
  std::size_t start = statement.find_first_not_of(" \t");
  if (start == std::string_view::npos)
    return {};
  statement.remove_prefix(start);
  std::size_t end = statement.find_first_of(" \t:");
  if (end != std::string_view::npos && statement[end] == ':')
    return leading_word(statement.substr(end + 1));
  return statement.substr(0, end);
}

bool only_written_statements(std::string_view assembly) {
  while (!assembly.empty()) {
    std::size_t end = assembly.find_first_of("\n;");
    std::string_view word = leading_word(assembly.substr(0, end));
    if (!word.empty() && std::find(written.begin(), written.end(), word) == written.end())
      return false;
    assembly.remove_prefix(end == std::string_view::npos ? assembly.size() : end + 1);
  }
  return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    auto symbols = xport::sysroot::parse_symbol_file(text, "fuzz");
    for (const auto& s : symbols)
      if (s.name.empty() || s.name.find_first_of(" \t\n\r;#\"") != std::string::npos)
        std::abort();
    std::string assembly = xport::driver::stub_assembly(symbols, "x86_64");
    if (!only_written_statements(assembly) || (!symbols.empty() && assembly.empty()))
      std::abort();
  } catch (const xport::Error&) {
  }
  return 0;
}
