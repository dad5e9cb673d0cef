// Deriving util::OptionSpec rows from a CLI11 app (see option_table.hpp).
#include "cli/option_table.hpp"

#include <algorithm>

#include <CLI/CLI.hpp>

namespace xport::cli {

OptionTable::OptionTable(const CLI::App& app) {
  struct Row {
    std::size_t name, alias; // indexes into spelled_, alias npos when none
    bool takes_value;
  };
  std::vector<Row> rows;
  for (const CLI::Option* opt : app.get_options()) {
    if (opt->get_lnames().empty())
      continue; // a positional, or a short-only option (none so far)
    Row row{spelled_.size(), std::string::npos, opt->get_items_expected_min() != 0};
    spelled_.push_back("--" + opt->get_lnames().front());
    if (!opt->get_snames().empty()) {
      row.alias = spelled_.size();
      spelled_.push_back("-" + opt->get_snames().front());
    }
    rows.push_back(row);
  }
  // Only now, with spelled_ complete, do views into its strings stay valid.
  for (const Row& row : rows)
    specs_.push_back({spelled_[row.name],
                      row.alias == std::string::npos ? std::string_view() : spelled_[row.alias],
                      row.takes_value});
  std::sort(specs_.begin(), specs_.end(),
            [](const util::OptionSpec& a, const util::OptionSpec& b) { return a.name < b.name; });
}

bool OptionTable::takes_value(std::string_view name) const {
  for (const util::OptionSpec& spec : specs_)
    if (spec.name == name)
      return spec.takes_value;
  return false;
}

void append_option_words(std::vector<std::string>& words, std::string_view name,
                         std::string_view value, bool takes_value) {
  if (!takes_value) {
    words.emplace_back(name);
  } else if (value.empty()) {
    words.emplace_back(name);
    words.emplace_back();
  } else {
    std::string word(name);
    word += '=';
    word += value;
    words.push_back(std::move(word));
  }
}

std::vector<std::string> option_words(const util::LeadingOptions& given, const OptionTable& table) {
  std::vector<std::string> words;
  for (const auto& [name, value] : given.given)
    append_option_words(words, name, value, table.takes_value(name));
  return words;
}

} // namespace xport::cli
