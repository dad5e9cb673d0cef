// The libclang half of `xport abi dump`, in a program of its own (libexec/xport/xport-abi-reader):
// libclang brings the shared libLLVM, whose command-line options collide with the LLVM parts that
// xport-full links statically, so the two never share a process. xport-full sends a ReadRequest
// as JSON on standard input and reads the Dump back as JSON (abi/layout_json.hpp).
#pragma once

#include <string>
#include <vector>

#include "abi/layout.hpp"

namespace xport::abi {

struct ReadRequest {
  std::string target, sysroot;            // for the dump's header and messages
  std::string compiler;                   // argv[0] for libclang's driver
  std::vector<std::string> flags;         // the target's, from abi::clang_flags_for
  std::vector<std::string> headers;       // included in this order
  std::vector<std::string> include_roots; // absolute; places are made relative to them
  // Where the headers may take files from (the sysroot, clang's resource folder): a header
  // that brings in a file from anywhere else is left out, and nothing of that file is shown.
  std::vector<std::string> readable_roots;
  std::string confinement; // "" = Landlock confines reading to them; else why it does not
};

// Throws std::runtime_error when the headers cannot be parsed at all.
Dump read_headers(const ReadRequest& request);

} // namespace xport::abi
