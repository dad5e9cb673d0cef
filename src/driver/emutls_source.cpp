// The emulated-TLS runtime's C source, compiled into xport so an installed binary can build it for
// any target on first use. The source itself is src/driver/runtime/emutls.c.inc: plain C wrapped
// in one C++ raw string literal (its first and last lines), so the build needs no extra step.
#include "driver/emutls_runtime.hpp"

namespace xport::driver {

std::string_view emutls_source() {
  static constexpr char source[] =
#include "driver/runtime/emutls.c.inc"
      ;
  return std::string_view(source, sizeof source - 1);
}

} // namespace xport::driver
