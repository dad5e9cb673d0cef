// `<target>-cc` and friends: a folder of links that makes a target look like a classic cross
// toolchain, so autotools' --host=<target>, Makefiles' $(CROSS_COMPILE)cc, CMake and Meson use
// xport without knowing it. Compiler-like names link to xport itself, which recognises them by
// its argv[0]; binutils-like names link straight to the LLVM tools (target-independent). The
// choices made at install time (--sysroot, --profile, and the store the sysroot is found in) are
// kept beside the links in <target>.xport-toolchain, read when a link runs: a link keeps meaning
// the same sysroot whatever XPORT_HOME says when it runs.
#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "util/process.hpp"

namespace xport::driver {

enum class LinkKind { cc, cxx, ld, pkg_config, llvm_tool };

struct ToolLink {
  std::string_view suffix; // "-cc": the link is <target>-cc
  LinkKind kind;
  std::string_view llvm_tool; // for llvm_tool: "llvm-ar"
};

// Every link `toolchain install` makes, in the order it makes them.
std::span<const ToolLink> tool_links();

// What a toolchain folder was installed with.
struct ToolchainSettings {
  std::string target;
  std::string sysroot;               // "" = the store's sysroot named like the target
  std::vector<std::string> profiles; // --profile files (absolute)
  std::string store;                 // the store (absolute) a sysroot name is looked up in
};

// Creates (or refreshes) the links for `settings.target` in `dir`; `xport` is the absolute path
// of the xport binary. Returns the links made, as absolute paths.
std::vector<std::filesystem::path> install_toolchain(const ToolchainSettings& settings,
                                                     const std::filesystem::path& dir,
                                                     const std::filesystem::path& xport,
                                                     const util::Environment& env);

// The toolchain folder xport keeps for `settings` under the store: emitted files and `xport env`
// point their compilers at it. Installs it when it is missing.
std::filesystem::path managed_toolchain(const ToolchainSettings& settings,
                                        const std::filesystem::path& xport,
                                        const util::Environment& env);

// What a link runs: the equivalent xport command line ({"cc", "--target", T, ..., "--", args...})
// and the store recorded at install time ("" for links made before stores were recorded), which
// the caller makes XPORT_HOME.
struct ToolInvocation {
  std::vector<std::string> args;
  std::string store;
};

// argv[0] mode: when `argv0` is the name of a link (<target>-cc ...), what it runs; nullopt
// otherwise.
std::optional<ToolInvocation> tool_command_line(std::string_view argv0,
                                                const std::vector<std::string>& args,
                                                const util::Environment& env);

} // namespace xport::driver
