// Linked into the front binary only (bin/xport), which has no heavy command of its own: main()
// hands each of them to the full binary (delegate.cpp).
#include "cli/command.hpp"

namespace xport::cli {

Run heavy_command(std::string_view) {
  return nullptr;
}

} // namespace xport::cli
