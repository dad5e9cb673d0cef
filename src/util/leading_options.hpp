// One rule for commands that take xport's options first and hand everything after them to another
// program verbatim (`xport cc`, `xport run`, `xport cargo`, `xport toolchain ld`): options are
// read from the front as `--name VALUE`, `--name=VALUE` or a short alias (`-t VALUE`) until `--`
// (dropped) or the first word that is not one of them; from there on every word is the other
// program's, even one spelled like an xport option. (`xport cc` then also reads its long
// options among the rest: cli/compiler_options.cpp. The tables come from the commands' CLI11
// apps: cli/option_table.hpp.)
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace xport::util {

struct OptionSpec {
  std::string_view name;  // "--target"
  std::string_view alias; // "-t", or ""
  bool takes_value = false;
};

// What to do with a word that starts with '-' but is none of the options.
enum class UnknownOption {
  ends_options, // it is the other program's (clang's -O2): stop there
  is_an_error,  // a UsageError with "did you mean" (cargo's options come after its command)
};

struct LeadingOptions {
  std::vector<std::pair<std::string, std::string>> given; // (name, value or ""), in order
  std::vector<std::string> rest;                          // verbatim

  bool has(std::string_view name) const;
  std::optional<std::string> last(std::string_view name) const;
  std::vector<std::string> all(std::string_view name) const;
};

// Throws UsageError for an option without its value, or (with is_an_error) an unknown option;
// `command` names the command in messages ("xport cargo").
LeadingOptions split_leading_options(std::span<const std::string> args,
                                     std::span<const OptionSpec> specs, UnknownOption unknown,
                                     std::string_view command);

} // namespace xport::util
