// The subcommand table: every `xport <name>` is one row, implemented by a function in
// src/cli/<name>_command.cpp that parses its own options and calls into a part.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace xport::cli {

// Exit statuses, the same for every command.
inline constexpr int exit_ok = 0;
inline constexpr int exit_failed = 1; // findings, or an operation that failed
inline constexpr int exit_usage = 2;

struct Invocation {
  std::string program;           // "xport target", for help texts and messages
  std::vector<std::string> args; // the arguments after the subcommand name
};

using Run = int (*)(const Invocation&);

struct Command {
  std::string_view name;
  std::string_view summary;
  Run run = nullptr; // a light command's function, linked into both binaries
  // Linked into the full binary only (heavy_command), run there. The one list of heavy commands:
  // heavy_commands.cpp maps these rows' names to functions (a unit test holds the two equal),
  // and XPORT_CLI_HEAVY in src/CMakeLists.txt names their files (cli/<name>_command.cpp).
  bool heavy = false;
};

// Sorted by name (a unit test keeps it so).
std::span<const Command> commands();

// A heavy command's function: in the full binary, from cli/heavy_commands.cpp; in the front,
// nullptr (cli/front_only.cpp), and main() hands the command to the full binary.
Run heavy_command(std::string_view name);

// The names heavy_command() knows, in the full binary (cli/heavy_commands.cpp); the front has
// none and does not link this.
std::vector<std::string_view> heavy_command_names();

// Replaces this process with `xport-full <command> <args...>` (cli/delegate.cpp). Throws
// xport::Error naming the full binary when it is missing or cannot run.
[[noreturn]] void delegate_to_full(std::string_view command, const Invocation& inv);

// Parses `inv.args` into `app` (a CLI11 app whose options and subcommands the command set up).
// Returns an exit status when the command should stop now: 0 after --help, 2 after a usage error
// (printed, with "did you mean" for unknown options and subcommands). Returns nullopt to go on.
std::optional<int> parse(CLI::App& app, const Invocation& inv);

// Prints `app`'s help as every command's --help looks (CLI11's layout), for the commands that read
// their leading options by hand (cc, c++, cargo) and set up `app` only to describe them.
int print_help(CLI::App& app, std::string_view program);

// Entry point used by main(): dispatches argv to a command, maps errors to exit statuses.
int main(int argc, char** argv);

} // namespace xport::cli
