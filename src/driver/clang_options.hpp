// The clang options the driver must understand to read a user's command line: which take a
// separate or a joined argument (so their argument is never mistaken for an input or an option),
// which stop the pipeline before linking, which choose a link mode, and which decide something the
// profile would otherwise decide (the linker, the C++ library, the start files ...). Modelled on
// ccache's compopt.cpp: one sorted table, looked up by binary search, kept sorted by a unit test.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace xport::driver {

// What an option does, as bits.
enum OptionFlag : uint32_t {
  takes_arg = 1u << 0,              // "-o FILE": the next word is its argument
  takes_concat_arg = 1u << 1,       // "-oFILE", "--sysroot=DIR", "-Wl,...": the argument is joined
  stops_after_preprocess = 1u << 2, // -E, -M, -MM
  stops_after_compile = 1u << 3,    // -S, -fsyntax-only
  stops_after_assemble = 1u << 4,   // -c
  info_only = 1u << 5,              // --version, -print-*: nothing is built
  link_shared = 1u << 6,
  link_static = 1u << 7,
  link_static_pie = 1u << 8,
  link_pie = 1u << 9,
  link_no_pie = 1u << 10,
  link_relocatable = 1u << 11, // -r
  passes_to_linker = 1u << 12, // -Wl, / -Xlinker: the argument is looked at for linker flags
  selects_language = 1u << 13, // -x
  names_output = 1u << 14,     // -o: the file the last phase writes
  runs_nothing = 1u << 15,     // -###: prints the commands instead of running them
};

// A decision the profile makes unless the user made it: when the user's command line has an
// option with this aspect, the profile's flag for it is left out.
enum class Aspect : uint8_t {
  none,
  target,          // -target, --target=
  sysroot,         // --sysroot
  gcc_toolchain,   // --gcc-toolchain
  linker,          // -fuse-ld=, --ld-path=
  cxx_stdlib,      // -stdlib=
  runtime_library, // --rtlib=
  unwind_library,  // --unwindlib=
  start_files,     // -nostartfiles
  default_libs,    // -nodefaultlibs
  all_libs,        // -nostdlib: start files and default libraries
  cxx_stdlib_link, // -nostdlib++
  system_includes, // -nostdinc, -nostdlibinc
  pie_codegen,     // -fpie/-fPIE/-fpic/-fPIC/-fno-pic/-fno-pie ...
  emulated_tls,    // -femulated-tls, -fno-emulated-tls
};

struct ClangOption {
  std::string_view name;
  uint32_t flags = 0;
  Aspect aspect = Aspect::none;
};

// The whole table, sorted by name.
std::span<const ClangOption> clang_options();

// The option `word` is: an exact match, or, for joined forms ("-L/usr/lib", "--sysroot=/x",
// "-Wl,-z,now"), the longest table entry with takes_concat_arg that prefixes it.
struct OptionMatch {
  const ClangOption* option = nullptr;
  bool joined = false; // the argument is inside `word` (after the name)
};
std::optional<OptionMatch> find_clang_option(std::string_view word);

} // namespace xport::driver
