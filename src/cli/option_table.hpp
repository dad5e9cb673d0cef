// The options a command reads by hand from the front of its arguments (util/leading_options.hpp),
// derived from the CLI11 app that describes them, so that each option is spelled once: in the
// app, with its help text. The commands that do this (cc, c++, run, shell, cargo, toolchain ld)
// hand everything after their options to another program verbatim, which CLI11 cannot split.
#pragma once

#include <string>
#include <vector>

#include "util/leading_options.hpp"

namespace CLI {
class App;
}

namespace xport::cli {

// The app's named options as util::OptionSpec rows, sorted by name; positionals are left out.
// The rows' names point into `spelled`, hence neither copied nor assigned: moving keeps them valid
// (the strings stay where the vector's buffer is).
class OptionTable {
public:
  explicit OptionTable(const CLI::App& app);
  OptionTable(const OptionTable&) = delete;
  OptionTable& operator=(const OptionTable&) = delete;
  OptionTable(OptionTable&&) = default;

  const std::vector<util::OptionSpec>& specs() const { return specs_; }
  bool takes_value(std::string_view name) const;

private:
  std::vector<std::string> spelled_; // "--target", "-t", ...
  std::vector<util::OptionSpec> specs_;
};

// Appends an option as words the app parses again: `--name=VALUE` (`=` keeps a value that starts
// with '-' a value), `--name ""` for an empty value (CLI11 takes `--name=` for a missing one), or
// `--name` for a flag.
void append_option_words(std::vector<std::string>& words, std::string_view name,
                         std::string_view value, bool takes_value);

// The options `given` holds, in their order, as append_option_words spells them.
std::vector<std::string> option_words(const util::LeadingOptions& given, const OptionTable& table);

} // namespace xport::cli
