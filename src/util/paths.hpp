// Where xport keeps things, decided in one place from an explicit environment (XDG base
// directories, https://specifications.freedesktop.org/basedir-spec/):
// - the sysroot store: $XPORT_HOME, else $XDG_DATA_HOME/xport, else ~/.local/share/xport;
// - the cache (derived, deletable: Rust specs and standard libraries, runtimes built for a
//   target): $XDG_CACHE_HOME/xport, else ~/.cache/xport;
// - user profiles: $XDG_CONFIG_HOME/xport, else ~/.config/xport.
// Each throws xport::Error naming the variables to set when none of them is.
// Also where xport's own binary is, beside which it finds the programs installed with it.
#pragma once

#include <filesystem>
#include <optional>

#include "util/process.hpp"

namespace xport::util {

std::filesystem::path store_home(const Environment& env);
std::filesystem::path cache_home(const Environment& env);
// nullopt when neither XDG_CONFIG_HOME nor HOME is set (then only ./xport/targets is searched).
std::optional<std::filesystem::path> config_home(const Environment& env);

// This running program's absolute path, links such as <target>-cc resolved (/proc/self/exe).
// Throws xport::Error "cannot find xport's own path (/proc/self/exe): <reason>".
std::filesystem::path self_path();

} // namespace xport::util
