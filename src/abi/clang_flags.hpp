// The clang flags `xport cc` would compile a C file for a target with (triple, sysroot, include
// folders, the profile's defines), for tools that run clang in another way: libclang for
// `xport abi dump`, bindgen for `xport abi bindgen`. The same rules as the driver, so a header
// means the same to them as to the compiler; the variables that would let the host's headers in
// (CPATH, C_INCLUDE_PATH, ...) are named so the caller can clear them.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sysroot/lookup.hpp"
#include "target/profile.hpp"
#include "util/process.hpp"

namespace xport::abi {

struct ClangFlags {
  std::string compiler;           // /usr/bin/clang-14
  std::vector<std::string> flags; // without the compiler, the mode (-c, -fsyntax-only) and input
  sysroot::FoundSysroot sysroot;
  std::vector<std::string> removed_variables; // the host's, not to be seen by clang
};

// Throws xport::Error (as `xport cc` does) when the target has no sysroot.
ClangFlags clang_flags_for(const target::Profile& profile, const std::string& sysroot,
                           const util::Environment& env);

// The header names a sysroot's C library offers: the *.h files at the top of its include folders
// and in their sys/ folders, with sys/types.h and sys/param.h first (BSD headers expect them),
// then by name.
std::vector<std::string> c_library_headers(const sysroot::FoundSysroot& sysroot);

} // namespace xport::abi
