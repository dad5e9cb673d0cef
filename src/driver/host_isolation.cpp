// The variables that leak host files into a cross compile (see host_isolation.hpp). Sources:
// clang 14's Driver.cpp and CommonArgs.cpp (LIBRARY_PATH, COMPILER_PATH, CCC_OVERRIDE_OPTIONS,
// SDKROOT, the *_INCLUDE_PATH family in Clang.cpp's addDirectoryList calls), and GCC's manual,
// "Environment Variables Affecting GCC".
#include "driver/host_isolation.hpp"

namespace xport::driver {
namespace {

const LeakyVariable table[] = {
    {"CCC_OVERRIDE_OPTIONS", "edits clang's command line behind the driver's back"},
    {"COMPILER_PATH", "makes clang and gcc look for programs (as, ld) in host folders"},
    {"CPATH", "adds host header folders (-I) to every compile"},
    {"CPLUS_INCLUDE_PATH", "adds host header folders to every C++ compile"},
    {"C_INCLUDE_PATH", "adds host header folders to every C compile"},
    {"GCC_EXEC_PREFIX", "makes gcc-compatible drivers find host start files and programs"},
    {"LIBRARY_PATH", "adds host library folders (-L) to links for the host's architecture"},
    {"OBJCPLUS_INCLUDE_PATH", "adds host header folders to every Objective-C++ compile"},
    {"OBJC_INCLUDE_PATH", "adds host header folders to every Objective-C compile"},
    {"SDKROOT", "replaces the sysroot with a host SDK (Darwin)"},
};

} // namespace

std::span<const LeakyVariable> leaky_variables() {
  return table;
}

util::Environment isolate_from_host(util::Environment env) {
  for (const LeakyVariable& v : table)
    env.erase(std::string(v.name));
  return env;
}

} // namespace xport::driver
