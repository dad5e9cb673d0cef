// Runner configuration: the option, the per-target environment variable, the profile field.
#include "run/runner_config.hpp"

#include <cctype>

#include "util/error.hpp"
#include "util/shell_words.hpp"

namespace xport::run {

std::string runner_variable(std::string_view target) {
  std::string name = "XPORT_RUNNER_";
  for (unsigned char c : target)
    name += std::isalnum(c) ? static_cast<char>(std::toupper(c)) : '_';
  return name;
}

namespace {

std::vector<std::string> command_words(std::string_view text, std::string_view origin) {
  std::vector<std::string> words = util::split_shell_words(text, origin);
  if (words.empty())
    throw Error("{}: the runner command is empty; name a program, e.g. \"ssh testhost\"", origin);
  return words;
}

} // namespace

std::optional<Runner> configured_runner(const target::Profile& profile,
                                        const std::optional<std::string>& option,
                                        const util::Environment& env) {
  if (option)
    return Runner{command_words(*option, "--runner"), "--runner"};
  std::string variable = runner_variable(profile.name);
  if (auto it = env.find(variable); it != env.end() && !it->second.empty())
    return Runner{command_words(it->second, variable), "$" + variable};
  if (!profile.runner.empty())
    return Runner{profile.runner, "the `runner` field of profile '" + profile.name + "'"};
  return std::nullopt;
}

} // namespace xport::run
