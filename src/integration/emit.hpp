// What other build tools need to cross-compile with xport: environment variables for `eval`
// (xport env), a CMake toolchain file, a Meson cross file, a Cargo config fragment and a clang
// config file (xport emit), made from the inputs gathered for a target (inputs.hpp). All point at
// a toolchain folder of <target>-cc links (driver/toolchain_links.hpp), so every tool runs
// `xport cc` with the target, and confine package and library searches to the sysroot.
//
// Running what was built is a separate concern: `runner` is the command that runs a target
// program (CMAKE_CROSSCOMPILING_EMULATOR, Meson's exe_wrapper, Cargo's runner); empty means
// none, and the files say so in a comment.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "integration/inputs.hpp"
#include "target/profile.hpp"

namespace xport::integration {

// name = value, in the order `xport env` prints them.
std::vector<std::pair<std::string, std::string>> environment_variables(const Inputs& in);

std::string emit_cmake(const Inputs& in);
std::string emit_meson(const Inputs& in);
std::string emit_cargo(const Inputs& in);
std::string emit_clang_config(const Inputs& in);

// The target Cargo and rustc know the profile as: its Rust base when the profile changes nothing
// Rust sees, else the profile's own name (a custom target spec, see `xport rust spec`).
std::string rust_target(const target::Profile& profile);

} // namespace xport::integration
