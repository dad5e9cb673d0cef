// libFuzzer target for the linker-script reader (sysroot/linker_script.hpp): any text a medium's
// libc.so may hold is read into the absolute paths it names, never a crash or a hang, and every
// path returned is absolute and a part of the input.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sysroot/linker_script.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const std::string& path : xport::sysroot::absolute_paths_in_script(text))
    if (path.empty() || path.front() != '/' || text.find(path) == std::string_view::npos)
      std::abort();
  return 0;
}
