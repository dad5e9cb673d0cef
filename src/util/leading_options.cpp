// Reading xport's options from the front of an argument list (see leading_options.hpp).
#include "util/leading_options.hpp"

#include "util/error.hpp"
#include "util/suggest.hpp"

namespace xport::util {

bool LeadingOptions::has(std::string_view name) const {
  for (const auto& [n, v] : given)
    if (n == name)
      return true;
  return false;
}

std::optional<std::string> LeadingOptions::last(std::string_view name) const {
  std::optional<std::string> out;
  for (const auto& [n, v] : given)
    if (n == name)
      out = v;
  return out;
}

std::vector<std::string> LeadingOptions::all(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [n, v] : given)
    if (n == name)
      out.push_back(v);
  return out;
}

LeadingOptions split_leading_options(std::span<const std::string> args,
                                     std::span<const OptionSpec> specs, UnknownOption unknown,
                                     std::string_view command) {
  LeadingOptions out;
  std::size_t i = 0;
  for (; i < args.size(); ++i) {
    const std::string& word = args[i];
    if (word == "--") {
      ++i;
      break;
    }
    const OptionSpec* spec = nullptr;
    std::optional<std::string> inline_value;
    for (const OptionSpec& s : specs) {
      if (word == s.name || (!s.alias.empty() && word == s.alias)) {
        spec = &s;
      } else if (word.size() > s.name.size() && word.starts_with(s.name) &&
                 word[s.name.size()] == '=') {
        spec = &s;
        inline_value = word.substr(s.name.size() + 1);
      }
      if (spec)
        break;
    }
    if (!spec) {
      if (word.size() > 1 && word[0] == '-' && unknown == UnknownOption::is_an_error) {
        std::vector<std::string> names;
        for (const OptionSpec& s : specs)
          names.emplace_back(s.name);
        throw UsageError("unknown option '{}'{} before the command; {}'s own options come "
                         "first; see '{} --help'",
                         word, did_you_mean(word.substr(0, word.find('=')), names), command,
                         command);
      }
      break;
    }
    std::string value;
    if (spec->takes_value) {
      if (inline_value) {
        value = *inline_value;
      } else {
        if (i + 1 >= args.size())
          throw UsageError("{} needs a value; see '{} --help'", spec->name, command);
        value = args[++i];
      }
    } else if (inline_value) {
      throw UsageError("{} takes no value; see '{} --help'", spec->name, command);
    }
    out.given.emplace_back(std::string(spec->name), std::move(value));
  }
  out.rest.assign(args.begin() + static_cast<std::ptrdiff_t>(std::min(i, args.size())), args.end());
  return out;
}

} // namespace xport::util
