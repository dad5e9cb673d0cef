// Handing a heavy command to the full binary (libexec/xport/xport-full), which has every command.
// The front (`bin/xport`) links neither libarchive, nettle nor LLVM, and is static, so `xport cc`
// starts with nothing to load and bind; main() calls this for the table's heavy rows when
// heavy_command() has no function for them, which is only in the front.
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <unistd.h>
#include <vector>

#include "cli/command.hpp"
#include "util/error.hpp"
#include "util/paths.hpp"

namespace xport::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* override_variable = "XPORT_FULL";
constexpr const char* relative_location = "../libexec/xport/xport-full";

// Where the full binary is: $XPORT_FULL, else beside this binary's real path (symlinks such as
// <target>-cc resolved), as both the build tree and an install lay them out.
fs::path full_binary() {
  if (const char* set = std::getenv(override_variable); set && *set)
    return set;
  fs::path self;
  try {
    self = util::self_path();
  } catch (const Error& e) {
    throw Error("cannot find the full xport binary: {}; set {} to the path of xport-full", e.what(),
                override_variable);
  }
  return (self.parent_path() / relative_location).lexically_normal();
}

} // namespace

// Execs `xport-full <command> <args...>`: same arguments, same environment, and, since this
// process is replaced, the exit status and signals are the full binary's own.
void delegate_to_full(std::string_view command, const Invocation& inv) {
  fs::path full = full_binary();
  std::vector<std::string> argv{full.string(), std::string(command)};
  argv.insert(argv.end(), inv.args.begin(), inv.args.end());
  std::vector<char*> c_argv;
  for (std::string& a : argv)
    c_argv.push_back(a.data());
  c_argv.push_back(nullptr);
  std::cout.flush();
  std::cerr.flush();
  ::execv(c_argv[0], c_argv.data());
  int error = errno;
  bool overridden = std::getenv(override_variable) && *std::getenv(override_variable);
  throw Error("`xport {}` runs in the full xport binary, and {} {} ({}); {}", command,
              full.string(), error == ENOENT ? "is missing" : "cannot be run", std::strerror(error),
              overridden ? fmt::format("fix or unset {}", override_variable)
                         : "reinstall xport (bin/xport needs libexec/xport/xport-full beside it), "
                           "or in a build tree build it: `ninja xport_full`");
}

} // namespace xport::cli
