// libFuzzer target for symbol files (sysroot/symbol_abi.hpp) and the stubs' assembler text made of
// them (driver/abi_stubs.hpp): any text a tree may hold is parsed or refused with xport::Error,
// never a crash; every name parsed is one a C or C++ symbol can hold, so the assembler text can
// carry no directive of the file's own.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "driver/abi_stubs.hpp"
#include "sysroot/symbol_abi.hpp"
#include "util/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    auto symbols = xport::sysroot::parse_symbol_file(text, "fuzz");
    for (const auto& s : symbols)
      if (s.name.empty() || s.name.find_first_of(" \t\n\r;#\"") != std::string::npos)
        std::abort();
    std::string assembly = xport::driver::stub_assembly(symbols, "x86_64");
    if (assembly.find(".incbin") != std::string::npos || (!symbols.empty() && assembly.empty()))
      std::abort();
  } catch (const xport::Error&) {
  }
  return 0;
}
