// The subcommand table and the top-level dispatch: `xport --help`, `--version`, unknown
// subcommands with "did you mean", and the one place where errors become exit statuses.
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <string>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "driver/toolchain_links.hpp"
#include "util/error.hpp"
#include "util/suggest.hpp"
#include "version.hpp"

namespace xport::cli {

// One declaration per light command file; the heavy ones are cli/heavy_commands.cpp's.
int run_cc(const Invocation&);
int run_cxx(const Invocation&);
int run_emit(const Invocation&);
int run_env(const Invocation&);
int run_run(const Invocation&);
int run_shell(const Invocation&);
int run_target(const Invocation&);
int run_toolchain(const Invocation&);

namespace {

const Command table[] = {
    {"abi", "structure layouts and constants of a target's headers: dump, diff, check-rust",
     nullptr, true},
    {"c++", "compile and link C++ for a target with clang (as cc, in C++ mode)", run_cxx},
    {"cargo", "run cargo for a target: -Z build-std with the derived Rust spec", nullptr, true},
    {"cc", "compile and link C for a target with clang, the profile and the sysroot", run_cc},
    {"check", "check ELF files against a target: TLS, OS note, libraries, relocations", nullptr,
     true},
    {"emit", "write a CMake, Meson, Cargo or clang config file for a target", run_emit},
    {"env", "print CC, CXX, AR, PKG_CONFIG_* ... for a target, for eval", run_env},
    {"inspect", "describe ELF files: class, machine, linking, OS note and version, build-id",
     nullptr, true},
    {"run", "run a program built for a target: natively, under qemu-user or a runner", run_run},
    {"rust", "derived rustc target specs and core/alloc sysroots for a target", nullptr, true},
    {"shell", "run a command in which every program of a target runs, e.g. ctest under qemu",
     run_shell},
    {"sysroot", "import OS media as sysroots; list, show, verify and remove them", nullptr, true},
    {"target", "list, show, diff and check target profiles", run_target},
    {"toolchain", "install <target>-cc, <target>-ar ... links for autotools and Makefiles",
     run_toolchain},
};

void print_help(std::ostream& out) {
  out << "xport " << xport::version << ": port software to targets the upstream toolchains "
      << "don't fully support\n\n"
      << "usage: xport <command> [options]\n       xport <command> --help\n\ncommands:\n";
  for (const Command& c : table)
    out << fmt::format("  {:<10} {}\n", c.name, c.summary);
  out << "\noptions:\n  -h, --help     this text\n  --version      print the version\n";
}

std::vector<std::string> command_names() {
  std::vector<std::string> names;
  for (const Command& c : table)
    names.emplace_back(c.name);
  return names;
}

} // namespace

std::span<const Command> commands() {
  return table;
}

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  // argv[0] mode: <target>-cc is `xport cc --target <target> --`, with the store it was
  // installed with.
  if (auto as_tool = driver::tool_command_line(argv[0], args, util::current_environment())) {
    args = std::move(as_tool->args);
    if (!as_tool->store.empty())
      ::setenv("XPORT_HOME", as_tool->store.c_str(), 1);
  }
  if (args.empty()) {
    print_help(std::cerr);
    return exit_usage;
  }
  const std::string& first = args[0];
  if (first == "-h" || first == "--help" || first == "help") {
    print_help(std::cout);
    return exit_ok;
  }
  if (first == "--version" || first == "-V") {
    std::cout << "xport " << xport::version << "\n";
    return exit_ok;
  }
  auto it = std::find_if(std::begin(table), std::end(table),
                         [&](const Command& c) { return c.name == first; });
  if (it == std::end(table)) {
    std::vector<std::string> names = command_names();
    const char* what = first.starts_with("-") ? "option" : "command";
    std::cerr << fmt::format("xport: error: unknown {} '{}'{}; see 'xport --help'\n", what, first,
                             util::did_you_mean(first, names));
    return exit_usage;
  }
  Invocation inv{fmt::format("xport {}", it->name), {args.begin() + 1, args.end()}};
  try {
    Run run = it->heavy ? heavy_command(it->name) : it->run;
    if (!run)
      delegate_to_full(it->name, inv); // the front: heavy commands run in the full binary
    return run(inv);
  } catch (const UsageError& e) {
    std::cerr << "xport: error: " << e.what() << "\n";
    return exit_usage;
  } catch (const Error& e) {
    std::cerr << "xport: error: " << e.what() << "\n";
    return exit_failed;
  } catch (const std::exception& e) {
    std::cerr << "xport: internal error: " << e.what() << "\n";
    return exit_failed;
  }
}

} // namespace xport::cli
