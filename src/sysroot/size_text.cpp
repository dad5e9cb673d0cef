// Binary units, one decimal: what a user compares against `du -h`.
#include "sysroot/size_text.hpp"

#include <fmt/format.h>

namespace xport::sysroot {

std::string human_size(uint64_t bytes) {
  static constexpr const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
  int unit = 0;
  double value = static_cast<double>(bytes);
  while (value >= 1024 && unit < 4) {
    value /= 1024;
    ++unit;
  }
  return unit == 0 ? fmt::format("{} bytes", bytes) : fmt::format("{:.1f} {}", value, units[unit]);
}

} // namespace xport::sysroot
