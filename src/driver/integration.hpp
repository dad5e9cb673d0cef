// What other build tools need to cross-compile with xport: environment variables for `eval`
// (xport env), a CMake toolchain file, a Meson cross file, a Cargo config fragment and a clang
// config file (xport emit). All point at a toolchain folder of <target>-cc links
// (toolchain_links.hpp), so every tool runs `xport cc` with the target, and confine package and
// library searches to the sysroot.
//
// Running what was built is a separate concern: `runner` is the command that runs a target
// program (CMAKE_CROSSCOMPILING_EMULATOR, Meson's exe_wrapper, Cargo's runner); empty means
// none, and the files say so in a comment.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "driver/command_line.hpp"
#include "target/profile.hpp"

namespace xport::driver {

struct IntegrationInputs {
  const target::Profile* profile = nullptr;
  std::filesystem::path toolchain_dir;   // where <target>-cc and friends are
  std::optional<SysrootView> sysroot;    // none: the files say how to import one
  std::vector<std::string> runner;       // runs a target program; empty = none
  std::vector<std::string> clang_config; // the flags for emit clang-cfg (clang_config_flags)
  // Where `cmake --install` and `meson install` put what they build by default: never the host's
  // /usr/local (staging_dir in the store). Searched like the sysroot by the emitted files.
  std::filesystem::path staging_dir;
};

// name = value, in the order `xport env` prints them.
std::vector<std::pair<std::string, std::string>> environment_variables(const IntegrationInputs& in);

std::string emit_cmake(const IntegrationInputs& in);
std::string emit_meson(const IntegrationInputs& in);
std::string emit_cargo(const IntegrationInputs& in);
std::string emit_clang_config(const IntegrationInputs& in);

// The target Cargo and rustc know the profile as: its Rust base when the profile changes nothing
// Rust sees, else the profile's own name (a custom target spec, see `xport rust spec`).
std::string rust_target(const target::Profile& profile);

// PKG_CONFIG_LIBDIR for a sysroot: its pkgconfig folders (pkg_config_dirs), never the host's.
std::string pkg_config_libdir(const SysrootView& sysroot);

// A sysroot's pkgconfig folders, absolute, in search order: <library folder>/pkgconfig for each
// of the layout's library folders (usr/lib/<triplet>, usr/<triplet>/lib, usr/lib ...), then
// usr/share/pkgconfig, usr/local/share/pkgconfig and FreeBSD's usr/libdata/pkgconfig and
// usr/local/libdata/pkgconfig where they exist.
std::vector<std::filesystem::path> pkg_config_dirs(const SysrootView& sysroot);

// The default staging folder of a target: <store>/staging/<target>.
std::filesystem::path staging_dir(const util::Environment& env, const target::Profile& profile);

// The flags a link for the profile gets (build_command for "clang <flags> hw.c"), without the
// compiler and the input: what a clang config file holds.
std::vector<std::string> clang_config_flags(const CompilerCommand& link_of_placeholder,
                                            std::string_view placeholder);

} // namespace xport::driver

namespace xport::driver {

// Gathers the inputs for one target: the managed toolchain folder (installed on first use), the
// sysroot (as `xport cc` would find it), and the clang config flags.
IntegrationInputs prepare_integration(const target::Profile& profile, const std::string& sysroot,
                                      const std::vector<std::string>& profile_files,
                                      const util::Environment& env);

} // namespace xport::driver
