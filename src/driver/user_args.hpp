// What a user's compiler arguments ask for: how far the pipeline runs, the link mode, which of the
// profile's decisions the user made explicitly, and what kinds of inputs there are. The arguments
// themselves are never changed: the driver passes them to clang verbatim and in order; this only
// reads them (and the @response files they name) so the profile's flags can stay out of the way.
#pragma once

#include <bitset>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "driver/clang_options.hpp"

namespace xport::driver {

enum class Phase { preprocess, compile, assemble, link };

struct UserArgs {
  Phase last_phase = Phase::link;
  bool info_only = false;    // --version, -print-*, -dumpmachine: nothing is built
  bool runs_nothing = false; // -###: the commands are printed, not run
  bool shared = false;
  bool static_ = false;
  bool static_pie = false;
  bool pie = false;
  bool no_pie = false;
  bool relocatable = false;
  bool selects_language = false;    // -x appears: inputs the driver appends must reset it
  bool sets_dynamic_linker = false; // -Wl,--dynamic-linker=..., -Xlinker -dynamic-linker ...
  bool gc_sections = false;         // the last of -Wl,--gc-sections / --no-gc-sections
  bool has_cxx_input = false;       // a C++ source (by extension or -x c++)
  bool has_source_input = false;    // anything clang compiles (not only objects and libraries)
  std::size_t input_count = 0;
  std::string output;                      // the last -o; "" = clang's default (a.out for links)
  std::optional<bool> emulated_tls;        // the last of -femulated-tls / -fno-emulated-tls
  std::vector<std::string> response_files; // named with @FILE (read for the analysis)

  bool chose(Aspect aspect) const { return chosen_[static_cast<std::size_t>(aspect)]; }
  void choose(Aspect aspect) { chosen_.set(static_cast<std::size_t>(aspect)); }
  bool links() const { return last_phase == Phase::link && !info_only; }
  // The executable or shared library a link writes (-o, else a.out); "" when the command
  // links nothing of the kind (no link, -r, -###).
  std::string linked_file() const {
    return links() && !relocatable && !runs_nothing ? (output.empty() ? "a.out" : output) : "";
  }
  // Start files / default libraries stay the user's when -nostdlib and friends say so.
  bool wants_start_files() const { return !chose(Aspect::start_files) && !chose(Aspect::all_libs); }
  bool wants_default_libs() const {
    return !chose(Aspect::default_libs) && !chose(Aspect::all_libs);
  }

private:
  std::bitset<32> chosen_;
};

// Reads `args` (and, recursively, the @response files they name, relative to the current folder;
// an unreadable one is left for clang to report).
UserArgs read_user_args(std::span<const std::string> args);

// The user's arguments as given (clang gets them verbatim and in order) with what they ask for,
// read once when the list is made and passed down from there.
struct UserArgList {
  UserArgList() = default;
  explicit UserArgList(std::span<const std::string> args)
      : words(args), asks(read_user_args(args)) {}
  std::span<const std::string> words;
  UserArgs asks;
};

// Splits a response file's text the way GCC and clang do on POSIX hosts: whitespace separates
// words, single and double quotes group, a backslash escapes the next character.
std::vector<std::string> split_response_file(std::string_view text);

} // namespace xport::driver
