// Runner configuration: the option, the per-target environment variable, the profile field.
#include "run/runner_config.hpp"

#include <cctype>

#include "util/error.hpp"

namespace xport::run {

std::string runner_variable(std::string_view target) {
  std::string name = "XPORT_RUNNER_";
  for (unsigned char c : target)
    name += std::isalnum(c) ? static_cast<char>(std::toupper(c)) : '_';
  return name;
}

std::vector<std::string> split_words(std::string_view text, std::string_view origin) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n') {
      if (in_word)
        words.push_back(std::move(word));
      word.clear();
      in_word = false;
      continue;
    }
    in_word = true;
    if (c == '\'') {
      std::size_t end = text.find('\'', i + 1);
      if (end == std::string_view::npos)
        throw Error("{}: unterminated ' quote in runner command `{}`; close the quote", origin,
                    text);
      word.append(text.substr(i + 1, end - i - 1));
      i = end;
    } else if (c == '"') {
      std::size_t j = i + 1;
      for (; j < text.size() && text[j] != '"'; ++j) {
        // Inside double quotes a backslash escapes only these, as in sh.
        if (text[j] == '\\' && j + 1 < text.size() &&
            std::string_view("\"\\$`").find(text[j + 1]) != std::string_view::npos)
          ++j;
        word += text[j];
      }
      if (j >= text.size())
        throw Error("{}: unterminated \" quote in runner command `{}`; close the quote", origin,
                    text);
      i = j;
    } else if (c == '\\' && i + 1 < text.size()) {
      word += text[++i];
    } else {
      word += c;
    }
  }
  if (in_word)
    words.push_back(std::move(word));
  if (words.empty())
    throw Error("{}: the runner command is empty; name a program, e.g. \"ssh testhost\"", origin);
  return words;
}

std::optional<Runner> configured_runner(const target::Profile& profile,
                                        const std::optional<std::string>& option,
                                        const util::Environment& env) {
  if (option)
    return Runner{split_words(*option, "--runner"), "--runner"};
  std::string variable = runner_variable(profile.name);
  if (auto it = env.find(variable); it != env.end() && !it->second.empty())
    return Runner{split_words(it->second, variable), "$" + variable};
  if (!profile.runner.empty())
    return Runner{profile.runner, "the `runner` field of profile '" + profile.name + "'"};
  return std::nullopt;
}

} // namespace xport::run
