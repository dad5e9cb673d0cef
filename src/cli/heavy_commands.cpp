// The heavy commands' functions, linked into the full binary only (XPORT_CLI_HEAVY in
// src/CMakeLists.txt): the command table in commands.cpp marks their rows `heavy`, and a unit test
// keeps the two in step.
#include <algorithm>

#include "cli/command.hpp"

namespace xport::cli {

int run_abi(const Invocation&);
int run_cargo(const Invocation&);
int run_check(const Invocation&);
int run_inspect(const Invocation&);
int run_rust(const Invocation&);
int run_sysroot(const Invocation&);

namespace {

constexpr std::pair<std::string_view, Run> heavy[] = {
    {"abi", run_abi},         {"cargo", run_cargo}, {"check", run_check},
    {"inspect", run_inspect}, {"rust", run_rust},   {"sysroot", run_sysroot},
};

} // namespace

Run heavy_command(std::string_view name) {
  auto it = std::find_if(std::begin(heavy), std::end(heavy),
                         [&](const auto& entry) { return entry.first == name; });
  return it == std::end(heavy) ? nullptr : it->second;
}

} // namespace xport::cli
