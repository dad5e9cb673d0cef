// The ssh runner's steps: mktemp, copy in, run, read the status, clean up.
#include "run/ssh_runner.hpp"

#include <csignal>

#include <fmt/format.h>

#include "run/program_file.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace xport::run {
namespace fs = std::filesystem;
namespace {

std::string sh_c(const std::string& script) {
  return "sh -c " + util::shell_quote(script);
}

util::Completed ssh_step(const Runner& runner, const std::string& remote, const std::string& what,
                         const util::Environment& env, std::string input = "") {
  std::vector<std::string> argv = runner.command;
  argv.push_back(remote);
  util::RunOptions options;
  options.env = env;
  options.input = std::move(input);
  Result<util::Completed> done = util::run_capture(argv, options);
  if (!done)
    throw Error("ssh runner (from {}): cannot {}: {}", runner.origin, what, done.error());
  if (!done->ok())
    throw Error(
        "ssh runner (from {}): cannot {}: `{}` exited {}{}", runner.origin, what,
        util::shell_join(argv), done->exit_code,
        done->err.empty() ? "" : ": " + done->err.substr(0, done->err.find_last_not_of('\n') + 1));
  return std::move(*done);
}

} // namespace

bool is_ssh_runner(const Runner& runner) {
  return !runner.command.empty() && fs::path(runner.command[0]).filename() == "ssh";
}

std::vector<fs::path> files_to_copy(const fs::path& program,
                                    const std::optional<sysroot::FoundSysroot>& sysroot,
                                    const util::Environment& env) {
  std::vector<fs::path> files = {program};
  ProgramFile elf = read_program_file(program);
  fs::path origin = fs::absolute(program).parent_path();
  std::vector<std::string> search;
  for (const std::string& entry : elf.runpath) {
    std::string dir = entry;
    for (std::string_view token : {"${ORIGIN}", "$ORIGIN"})
      if (auto at = dir.find(token); at != std::string::npos)
        dir.replace(at, token.size(), origin.string());
    search.push_back(dir);
  }
  search.push_back(origin.string());
  if (auto it = env.find("LD_LIBRARY_PATH"); it != env.end())
    for (std::string_view dir : util::split(it->second, ':', util::EmptyParts::skipped))
      search.emplace_back(dir);
  for (const std::string& name : elf.needed) {
    bool in_sysroot = false;
    if (sysroot)
      for (const std::string& dir : sysroot->layout.library_dirs)
        in_sysroot = in_sysroot || fs::exists(sysroot->root / dir / name);
    if (in_sysroot)
      continue; // the target has its own
    for (const std::string& dir : search) {
      if (fs::is_regular_file(fs::path(dir) / name)) {
        files.push_back(fs::path(dir) / name);
        break;
      }
    }
  }
  return files;
}

std::string remote_run_command(const std::string& folder, const std::string& program_name,
                               const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"./" + program_name};
  argv.insert(argv.end(), args.begin(), args.end());
  std::string dir = util::shell_quote(folder);
  return sh_c(fmt::format("cd {0} && LD_LIBRARY_PATH={0}${{LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}} "
                          "{1}; status=$?; echo $status > {0}/.xport-status; exit $status",
                          dir, util::shell_join(argv)));
}

Ending run_over_ssh(const Runner& runner, const std::vector<fs::path>& files,
                    const std::vector<std::string>& args, const util::Environment& env) {
  std::string out =
      ssh_step(runner, sh_c("mktemp -d /tmp/xport-run.XXXXXX"), "make a folder on it", env).out;
  std::string folder = out.substr(0, out.find_first_of("\r\n"));
  if (folder.empty() || folder.find('\'') != std::string::npos)
    throw Error("ssh runner (from {}): mktemp on the test machine printed '{}', not a folder",
                runner.origin, out);
  auto cleanup = [&] {
    std::vector<std::string> argv = runner.command;
    argv.push_back(sh_c("rm -rf " + util::shell_quote(folder)));
    util::RunOptions options;
    options.env = env;
    (void)util::run_capture(argv, options);
  };
  try {
    for (const fs::path& file : files) {
      std::string target = util::shell_quote(folder + "/" + file.filename().string());
      Result<std::string> content = util::try_read_file(file);
      if (!content)
        throw Error("cannot read {} to copy it to the test machine", file.string());
      ssh_step(runner, sh_c(fmt::format("cat > {0} && chmod 755 {0}", target)),
               "copy " + file.string() + " to it", env, std::move(*content));
    }
  } catch (...) {
    cleanup();
    throw;
  }
  std::vector<std::string> argv = runner.command;
  argv.push_back(remote_run_command(folder, files.front().filename().string(), args));
  Ending ending = spawn_and_wait(argv, env);
  // ssh's own status is 255 when the remote side died of a signal; the shell's record says which.
  std::vector<std::string> status_argv = runner.command;
  status_argv.push_back(
      sh_c(fmt::format("cat {0}/.xport-status; rm -rf {0}", util::shell_quote(folder))));
  util::RunOptions options;
  options.env = env;
  Result<util::Completed> status = util::run_capture(status_argv, options);
  if (status && status->ok()) {
    int code = std::atoi(status->out.c_str());
    if (code > 128 && code < 128 + NSIG)
      return Ending{0, code - 128};
    return Ending{code, 0};
  }
  return ending; // the run itself failed before the shell could record anything: ssh's status
}

} // namespace xport::run
