// Spelling out `xport run` for build tools, which call it with the program and its arguments.
#include "run/build_tool_runner.hpp"

#include "run/host.hpp"
#include "run/plan.hpp"
#include "run/runner_config.hpp"

namespace xport::run {

std::vector<std::string> build_tool_runner(const std::filesystem::path& xport,
                                           const target::Profile& profile,
                                           const std::optional<std::filesystem::path>& sysroot,
                                           const std::vector<std::string>& profile_files,
                                           const util::Environment& env) {
  bool has_runner = configured_runner(profile, std::nullopt, env).has_value();
  if (!choose_method(profile, has_runner, current_host()))
    return {};
  std::vector<std::string> command = {xport.string(), "run", "--target", profile.name};
  if (sysroot)
    command.insert(command.end(), {"--sysroot", sysroot->string()});
  for (const std::string& file : profile_files)
    command.insert(command.end(), {"--profile", std::filesystem::absolute(file).string()});
  // Build tools append the program and its arguments; "--" keeps a program named like an option
  // from being read as one of xport's.
  command.push_back("--");
  return command;
}

} // namespace xport::run
