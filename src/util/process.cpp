// Process spawning with posix_spawn and pipes, and exec for the compiler driver.
#include "util/process.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

extern char** environ;

namespace xport::util {
namespace {

struct CStrings {
  std::vector<std::string> storage;
  std::vector<char*> pointers;
  explicit CStrings(std::vector<std::string> strings) : storage(std::move(strings)) {
    for (std::string& s : storage)
      pointers.push_back(s.data());
    pointers.push_back(nullptr);
  }
  char** get() { return pointers.data(); }
};

std::vector<std::string> flatten(const Environment& env) {
  std::vector<std::string> out;
  out.reserve(env.size());
  for (const auto& [k, v] : env)
    out.push_back(k + "=" + v);
  return out;
}

std::string resolve(const std::string& program, const Environment* env) {
  if (program.find('/') != std::string::npos)
    return program;
  std::string path;
  if (env)
    path = search_path(*env);
  else if (const char* p = std::getenv("PATH"))
    path = p;
  if (auto found = find_program(program, path))
    return found->string();
  return program;
}

} // namespace

Environment current_environment() {
  Environment env;
  for (char** e = environ; e && *e; ++e) {
    std::string_view entry(*e);
    auto eq = entry.find('=');
    if (eq == std::string_view::npos)
      continue;
    env.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
  }
  return env;
}

std::string env_or(const Environment& env, const std::string& name, std::string fallback) {
  auto it = env.find(name);
  return it == env.end() || it->second.empty() ? fallback : it->second;
}

std::string search_path(const Environment& env) {
  auto it = env.find("PATH");
  return it == env.end() ? "" : it->second;
}

std::optional<std::filesystem::path> find_program(std::string_view name, const Environment& env) {
  return find_program(name, search_path(env));
}

std::optional<std::filesystem::path> find_program(std::string_view name,
                                                  std::string_view path_list) {
  if (name.find('/') != std::string_view::npos) {
    std::string n(name);
    if (access(n.c_str(), X_OK) == 0)
      return std::filesystem::path(n);
    return std::nullopt;
  }
  while (true) {
    auto colon = path_list.find(':');
    std::string_view dir = path_list.substr(0, colon);
    std::filesystem::path candidate = std::filesystem::path(dir.empty() ? "." : dir) / name;
    if (access(candidate.c_str(), X_OK) == 0 && !std::filesystem::is_directory(candidate))
      return candidate;
    if (colon == std::string_view::npos)
      return std::nullopt;
    path_list.remove_prefix(colon + 1);
  }
}

namespace {

// posix_spawn with the options' folder, environment and the caller's descriptor set-up; returns
// posix_spawn's error number (0 on success). Consumes `actions`.
int spawn(const std::vector<std::string>& argv, const RunOptions& options,
          posix_spawn_file_actions_t& actions, pid_t& pid) {
  if (options.cwd)
    posix_spawn_file_actions_addchdir_np(&actions, options.cwd->c_str());
  std::string program = resolve(argv[0], options.env ? &*options.env : nullptr);
  CStrings args(argv);
  std::optional<CStrings> envp;
  if (options.env)
    envp.emplace(flatten(*options.env));
  int rc = posix_spawn(&pid, program.c_str(), &actions, nullptr, args.get(),
                       envp ? envp->get() : environ);
  posix_spawn_file_actions_destroy(&actions);
  return rc;
}

} // namespace

Completed wait_for(pid_t pid) {
  Completed done;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(status))
    done.signal = WTERMSIG(status);
  else
    done.exit_code = WEXITSTATUS(status);
  return done;
}

Result<Completed> run_capture(const std::vector<std::string>& argv, const RunOptions& options) {
  if (argv.empty())
    return fail("run_capture: empty command");
  int out_pipe[2], err_pipe[2], in_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) || pipe2(err_pipe, O_CLOEXEC) || pipe2(in_pipe, O_CLOEXEC))
    return fail("cannot create a pipe: {}", std::strerror(errno));

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  pid_t pid = 0;
  int rc = spawn(argv, options, actions, pid);
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (rc != 0) {
    close(in_pipe[1]);
    close(out_pipe[0]);
    close(err_pipe[0]);
    return fail("cannot run '{}': {}", argv[0], std::strerror(rc));
  }

  Completed done;
  std::size_t written = 0;
  int in_fd = in_pipe[1];
  if (options.input.empty()) {
    close(in_fd);
    in_fd = -1;
  }
  int open_outputs = 2;
  char buffer[65536];
  while (open_outputs > 0 || in_fd >= 0) {
    pollfd fds[3] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}, {in_fd, POLLOUT, 0}};
    if (poll(fds, 3, -1) < 0) {
      if (errno == EINTR)
        continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
        continue;
      ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        (i == 0 ? done.out : done.err).append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        close(fds[i].fd);
        (i == 0 ? out_pipe[0] : err_pipe[0]) = -1;
        --open_outputs;
      }
    }
    if (in_fd >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t n = write(in_fd, options.input.data() + written, options.input.size() - written);
      if (n > 0)
        written += static_cast<std::size_t>(n);
      if (n < 0 || written == options.input.size()) {
        close(in_fd);
        in_fd = -1;
      }
    }
  }
  Completed ended = wait_for(pid);
  done.exit_code = ended.exit_code;
  done.signal = ended.signal;
  return done;
}

Result<Completed> run_to_stderr(const std::vector<std::string>& argv, const RunOptions& options) {
  if (argv.empty())
    return fail("run_to_stderr: empty command");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, 2, 1);
  pid_t pid = 0;
  if (int rc = spawn(argv, options, actions, pid); rc != 0)
    return fail("cannot run '{}': {}", argv[0], std::strerror(rc));
  return wait_for(pid);
}

Result<Completed> run_attached(const std::vector<std::string>& argv, const RunOptions& options) {
  if (argv.empty())
    return fail("run_attached: empty command");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  pid_t pid = 0;
  if (int rc = spawn(argv, options, actions, pid); rc != 0)
    return fail("cannot run '{}': {}", argv[0], std::strerror(rc));
  return wait_for(pid);
}

void exec(const std::vector<std::string>& argv, const Environment& env) {
  if (argv.empty())
    throw Error("exec: empty command");
  std::string program = resolve(argv[0], &env);
  CStrings args(argv);
  CStrings envp(flatten(env));
  execve(program.c_str(), args.get(), envp.get());
  throw Error("cannot run '{}': {}", argv[0], std::strerror(errno));
}

std::string shell_quote(std::string_view word) {
  if (!word.empty() && word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                              "0123456789@%+=:,./-_") == std::string_view::npos)
    return std::string(word);
  std::string out = "'";
  for (char c : word) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

std::string shell_join(const std::vector<std::string>& argv) {
  std::string out;
  for (const std::string& a : argv) {
    if (!out.empty())
      out += ' ';
    out += shell_quote(a);
  }
  return out;
}

} // namespace xport::util
