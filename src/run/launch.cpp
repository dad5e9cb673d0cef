// exec, spawn-and-wait with inherited standard streams, and re-raising a child's fatal signal.
#include "run/launch.hpp"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "run/proot_syscalls.hpp"
#include "util/error.hpp"

namespace xport::run {
namespace {

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings)
    out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

} // namespace

void exec_plan(const Plan& plan) {
  if (plan.deny_untranslated_syscalls)
    deny_syscalls_proot_cannot_translate();
  try {
    util::exec(plan.argv, plan.env);
  } catch (const Error& e) {
    throw Error("{} (the {} command for this target: {})", e.what(), method_name(plan.method),
                util::shell_join(plan.argv));
  }
}

Ending spawn_and_wait(const std::vector<std::string>& argv, const util::Environment& env) {
  std::string program = argv.at(0);
  if (auto found = util::find_program(program, env))
    program = found->string();
  std::vector<std::string> args = argv;
  std::vector<std::string> flat;
  for (const auto& [k, v] : env)
    flat.push_back(k + "=" + v);
  std::vector<char*> arg_ptrs = pointers(args), env_ptrs = pointers(flat);

  struct sigaction ignore {
  }, old_int{}, old_quit{}, old_term{};
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGINT, &ignore, &old_int);
  sigaction(SIGQUIT, &ignore, &old_quit);
  sigaction(SIGTERM, &ignore, &old_term);
  // The child gets the default actions back.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t defaults;
  sigemptyset(&defaults);
  for (int s : {SIGINT, SIGQUIT, SIGTERM})
    sigaddset(&defaults, s);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, program.c_str(), nullptr, &attr, arg_ptrs.data(), env_ptrs.data());
  posix_spawnattr_destroy(&attr);
  Ending ending;
  if (rc == 0) {
    util::Completed done = util::wait_for(pid);
    ending.signal = done.signal;
    ending.exit_code = done.exit_code;
  }
  sigaction(SIGINT, &old_int, nullptr);
  sigaction(SIGQUIT, &old_quit, nullptr);
  sigaction(SIGTERM, &old_term, nullptr);
  if (rc != 0)
    throw Error("cannot run '{}': {}", argv[0], std::strerror(rc));
  return ending;
}

void end_like(const Ending& ending) {
  if (ending.signal == 0)
    std::_Exit(ending.exit_code);
  std::fflush(nullptr);
  rlimit no_core{0, 0};
  setrlimit(RLIMIT_CORE, &no_core);
  signal(ending.signal, SIG_DFL);
  sigset_t only;
  sigemptyset(&only);
  sigaddset(&only, ending.signal);
  sigprocmask(SIG_UNBLOCK, &only, nullptr);
  raise(ending.signal);
  std::_Exit(128 + ending.signal);
}

} // namespace xport::run
