// xport's own emulated-TLS runtime (runtime/emutls.c.inc): compiled for a target on first use,
// against that target's sysroot, and kept in the cache, keyed by the target, the compiler and the
// source, so a later link finds it without running anything.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "driver/command_line.hpp"
#include "target/profile.hpp"
#include "util/process.hpp"

namespace xport::driver {

// The runtime's C source.
std::string_view emutls_source();

// A small object xport compiles for a target from its own source, once, and keeps in the cache
// under <cache_root>/<kind>/<profile>-<key>/<output>, the key covering the source, the triple,
// the clang binary and the sysroot. An output ending in .a is an archive of the object.
struct CachedObject {
  std::string kind;        // cache folder: "emutls", "abi-note"
  std::string description; // for messages
  std::string source;      // the text compiled
  std::string source_name; // its file name: the extension tells clang the language
  std::filesystem::path output;
  std::vector<std::string> flags; // before -c
};

// Builds `what` unless cached, with the clang `chosen` names (find_clang's rule); concurrent
// builds are safe (each in its own folder, renamed into place). Throws xport::Error with clang's
// output on failure.
std::filesystem::path ensure_target_object(const CachedObject& what, const target::Profile& profile,
                                           const SysrootView& sysroot, const util::Environment& env,
                                           const std::filesystem::path& cache_root,
                                           std::string_view chosen = {});

// The archive (libxport_emutls.a) for this profile and sysroot under `cache_root`, building it
// when it is not there yet (clang -c, then llvm-ar). Concurrent builds are safe: each builds in
// its own folder and renames it into place. Throws xport::Error with clang's output on failure.
std::filesystem::path ensure_emutls_runtime(const target::Profile& profile,
                                            const SysrootView& sysroot,
                                            const util::Environment& env,
                                            const std::filesystem::path& cache_root,
                                            std::string_view chosen = {});

// An archive among the sysroot's libgcc_eh.a / libgcc.a that defines __emutls_get_address ("" if
// none). Reads only each archive's symbol index.
std::string find_sysroot_emutls(const std::filesystem::path& root, const sysroot::Layout& layout);

} // namespace xport::driver
