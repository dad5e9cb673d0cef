// The heavy commands' functions, linked into the full binary only (XPORT_CLI_HEAVY in
// src/CMakeLists.txt). Which commands are heavy is the command table's `heavy` column
// (commands.cpp); this is only the map from those names to functions, and
// tests/unit/cli/commands_test.cpp fails when its names are not exactly the table's heavy rows.
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

std::vector<std::string_view> heavy_command_names() {
  std::vector<std::string_view> names;
  for (const auto& entry : heavy)
    names.push_back(entry.first);
  return names;
}

} // namespace xport::cli
