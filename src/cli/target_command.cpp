#include "cli/command.hpp"
#include "util/error.hpp"
namespace xport::cli {
int run_target(const Invocation&) { throw Error("target: not built yet"); }
}
