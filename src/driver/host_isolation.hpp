// The environment a cross compile runs in. clang and the GNU tools read variables that add host
// folders to every search (LIBRARY_PATH becomes -L for any target whose architecture matches the
// host's; CPATH and friends become -I; COMPILER_PATH and GCC_EXEC_PREFIX find host programs and
// start files; CCC_OVERRIDE_OPTIONS rewrites the command line). A cross build must see none of
// them, so the driver removes every variable in this table before it runs the compiler.
#pragma once

#include <span>
#include <string_view>

#include "util/process.hpp"

namespace xport::driver {

struct LeakyVariable {
  std::string_view name;
  std::string_view why; // what it would do to a cross build
};

// Sorted by name.
std::span<const LeakyVariable> leaky_variables();

// `env` without the leaky variables.
util::Environment isolate_from_host(util::Environment env);

} // namespace xport::driver
