// The heart of `xport cc`: one clang command line from plain inputs (a profile, the sysroot's
// folders, the user's arguments, the environment, the tools found). A pure function, so every
// case is a unit test; driver/compile.cpp gathers the inputs and execs the result.
//
// Layout of the command:  [launcher] clang <profile's decisions> <user's args, verbatim> <paths>
// The profile's decisions come first so that the user's own flags, later, win where clang lets the
// last flag win; where it does not (-fuse-ld, -stdlib, -nostdlib, link modes ...), a decision the
// user made explicitly (clang_options.hpp) leaves the profile's out. The sysroot's folders come
// last so that the user's own -L/-B/-isystem are searched first.
#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "driver/user_args.hpp"
#include "sysroot/lookup.hpp"
#include "target/profile.hpp"
#include "util/process.hpp"

namespace xport::driver {

enum class Language { c, cxx };

// A symbol-ABI layer (sysroot/symbol_abi.hpp) that a link uses in place of the sysroot's
// libraries and start files: the stubs of the APIs' libraries, the tree's linker script.
struct AbiLayerLink {
  std::string interpreter;                  // "ld.lib.so"
  std::vector<std::string> stubs;           // absolute paths of the APIs' stub libraries
  std::string empty_libs;                   // the folder of empty archives, searched first
  std::string link_script;                  // absolute; "" = none
  std::string dynamic_list;                 // absolute; "" = none
  std::vector<std::string> static_archives; // absolute: the sysroot's libgcc_eh.a, libgcc.a
  std::vector<std::string> link_flags;      // the profile's, for every link
  std::vector<std::string> executable_flags;
  std::string shims_archive;   // xport's shims for the target; "" = none
  bool defines_emutls = false; // a stub exports __emutls_get_address
};

// A sysroot as a link sees it: the sysroot found (sysroot/lookup.hpp) and what a link adds to it.
struct SysrootView : sysroot::FoundSysroot {
  std::string emutls_archive; // absolute path of an archive that defines __emutls_get_address
  std::optional<AbiLayerLink> abi_layer; // set for links when the sysroot has the profile's layer
};

// The tools found on this machine (driver/tools.cpp).
struct Toolchain {
  // What is run: {"/usr/bin/clang++-14"}, or {"/usr/bin/clang", "--driver-mode=g++"} for C++
  // when there is no clang++ beside clang.
  std::vector<std::string> compiler;
  std::vector<std::string> launcher;        // XPORT_LAUNCHER's words, in front of clang ("ccache")
  std::string linker_flag = "-fuse-ld=lld"; // or "-fuse-ld=bfd", "--ld-path=..." (the profile's)
  bool compiler_rt_builtins = false; // clang's resource folder has builtins for the target arch
  std::string description;           // which clang and lld, and why them (tools.hpp's describe)
};

// Who provides __emutls_get_address in a link, when TLS is emulated.
enum class EmutlsProvider {
  not_needed,    // native TLS, or no link, or the user links the runtime libraries by hand
  abi_layer,     // a library of the symbol-ABI layer exports it (Genode's ld.lib.so)
  compiler_rt,   // the runtime library is compiler-rt, whose builtins have it
  sysroot,       // an archive in the sysroot (libgcc_eh.a)
  xport_runtime, // xport's own (runtime/emutls.c.inc), built for the target and cached
};

struct CommandInputs {
  const target::Profile* profile = nullptr;
  const SysrootView* sysroot = nullptr; // nullptr: none (only for commands that read no files)
  Language language = Language::c;
  UserArgList user; // the user's arguments, read once by whoever made the inputs
  const util::Environment* environment = nullptr;
  Toolchain toolchain;
  std::string own_emutls_archive; // xport's runtime for this target, when it is the provider
  std::string abi_note_object;    // the start files' ABI note, for links that would lose it
};

struct CompilerCommand {
  std::vector<std::string> argv;
  util::Environment env;
  std::vector<std::string> removed_variables; // leaky variables that were set, now unset
  std::string tools;                          // which clang and lld, and why (a comment line)
  // The executable or shared library the command links (-o, else a.out); "" when it links none.
  std::string linked_file;
};

// Runtime library the link uses: the profile's, or compiler-rt when the profile wants libgcc, the
// sysroot has none (musl) and clang ships compiler-rt for the architecture.
target::RuntimeLibrary effective_runtime_library(const target::Profile& profile,
                                                 const SysrootView* sysroot,
                                                 const Toolchain& toolchain);

EmutlsProvider emutls_provider(const target::Profile& profile, const SysrootView* sysroot,
                               const Toolchain& toolchain, const UserArgs& user);

// Throws UsageError when the inputs cannot make a correct command (no sysroot for a build that
// reads system headers or libraries).
CompilerCommand build_command(const CommandInputs& inputs);

// The command as a user pastes it into a shell: `env -u LIBRARY_PATH ... clang ...`.
std::string printable_command(const CompilerCommand& command);

} // namespace xport::driver
