// The names of the system calls and socket options Debian 12's qemu-user (7.2) logs as
// unsupported, from the probes in tests/e2e/fixtures/qemu_gaps.c; numbers not in the tables are
// named by number.
#include "run/qemu_gaps.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <sstream>
#include <unistd.h>

#include <fmt/format.h>

#include "run/launch.hpp"
#include "run/proot_syscalls.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"

namespace xport::run {
namespace {

struct SyscallName {
  long number;
  const char* name;
};
// Calls added after Linux 4.17 have one number on every architecture.
constexpr SyscallName unified_syscalls[] = {
    {424, "pidfd_send_signal"},
    {425, "io_uring_setup"},
    {426, "io_uring_enter"},
    {427, "io_uring_register"},
    {428, "open_tree"},
    {429, "move_mount"},
    {430, "fsopen"},
    {431, "fsconfig"},
    {432, "fsmount"},
    {433, "fspick"},
    {434, "pidfd_open"},
    {435, "clone3"},
    {436, "close_range"},
    {437, "openat2"},
    {438, "pidfd_getfd"},
    {439, "faccessat2"},
    {440, "process_madvise"},
    {441, "epoll_pwait2"},
    {442, "mount_setattr"},
    {443, "quotactl_fd"},
    {444, "landlock_create_ruleset"},
    {445, "landlock_add_rule"},
    {446, "landlock_restrict_self"},
    {447, "memfd_secret"},
    {448, "process_mrelease"},
    {449, "futex_waitv"},
    {450, "set_mempolicy_home_node"},
};

// glibc registers rseq at start and carries on without it: not worth a line.
struct Benign {
  const char* arch;
  long number;
};
constexpr Benign benign_syscalls[] = {
    {"aarch64", 293},     {"riscv64", 293}, {"arm", 398},    {"i686", 386},
    {"powerpc64le", 387}, {"s390x", 383},   {"x86_64", 334},
};

struct OptionName {
  int level;
  int option;
  const char* name;
};
constexpr OptionName socket_options[] = {
    {0, 32, "setsockopt(IPPROTO_IP, IP_MULTICAST_IF)"},
    {0, 49, "setsockopt(IPPROTO_IP, IP_MULTICAST_ALL)"},
    {41, 17, "setsockopt(IPPROTO_IPV6, IPV6_MULTICAST_IF)"},
};

std::string syscall_gap(long number, const std::string& arch) {
  for (const Benign& b : benign_syscalls)
    if (b.number == number && arch == b.arch)
      return "";
  for (const SyscallName& s : unified_syscalls)
    if (s.number == number)
      return fmt::format("the system call {} ({})", s.name, number);
  return fmt::format("the {} system call number {}", arch, number);
}

std::string option_gap(int level, int option) {
  for (const OptionName& o : socket_options)
    if (o.level == level && o.option == option)
      return o.name;
  return fmt::format("setsockopt(level {}, option {})", level, option);
}

} // namespace

bool runs_qemu_directly(const Plan& plan) {
  return plan.method == Method::qemu && !plan.deny_untranslated_syscalls;
}

void log_qemu_gaps(Plan& plan, const std::filesystem::path& log) {
  plan.argv.insert(plan.argv.begin() + 1, {"-d", "unimp", "-D", log.string()});
}

std::vector<std::string> explain_qemu_gaps(const std::string& log_text, const std::string& arch) {
  std::vector<std::string> gaps, lines;
  std::istringstream in(log_text);
  for (std::string line; std::getline(in, line);) {
    std::string gap;
    long number = 0;
    int level = 0, option = 0;
    if (std::sscanf(line.c_str(), "Unsupported syscall: %ld", &number) == 1)
      gap = syscall_gap(number, arch);
    else if (std::sscanf(line.c_str(), "Unsupported setsockopt level=%d optname=%d", &level,
                         &option) == 2)
      gap = option_gap(level, option);
    if (gap.empty() || std::find(gaps.begin(), gaps.end(), gap) != gaps.end())
      continue;
    gaps.push_back(gap);
    lines.push_back(fmt::format("xport: qemu-user does not emulate {} (docs/run.md, 'qemu-user "
                                "gaps'); the program may have failed because of it",
                                gap));
  }
  return lines;
}

namespace {

std::string temporary_name() {
  const char* tmp = std::getenv("TMPDIR");
  return std::string(tmp && *tmp ? tmp : "/tmp") + "/xport-qemu-gaps.XXXXXX";
}

[[noreturn]] void explain_and_end(const Ending& ending, const std::string& log_text,
                                  const std::string& arch) {
  for (const std::string& line : explain_qemu_gaps(log_text, arch))
    std::cerr << line << "\n";
  end_like(ending);
}

} // namespace

void run_explaining_gaps(Plan plan, const std::string& arch) {
  std::string log = temporary_name();
  int fd = mkstemp(log.data());
  if (fd < 0)
    throw Error("cannot create qemu's log file {} for --explain: {}; set TMPDIR to a writable "
                "folder",
                log, std::strerror(errno));
  close(fd);
  log_qemu_gaps(plan, log);
  std::cout.flush();
  Ending ending = spawn_and_wait(plan.argv, plan.env);
  Result<std::string> text = util::try_read_file(log);
  std::remove(log.c_str());
  explain_and_end(ending, text ? *text : "", arch);
}

void run_tree_explaining_gaps(Plan plan, const std::string& arch) {
  std::string dir = temporary_name();
  if (!mkdtemp(dir.data()))
    throw Error("cannot create a folder for qemu's logs ({}) for --explain: {}; set TMPDIR to a "
                "writable folder",
                dir, std::strerror(errno));
  plan.argv.at(2) += " -d unimp -D " + dir + "/%d.log"; // proot -q "QEMU..."
  deny_syscalls_proot_cannot_translate();
  std::cout.flush();
  Ending ending = spawn_and_wait(plan.argv, plan.env);
  // Each log read whole on its own: an empty or unreadable one is skipped, not the end of all.
  std::string text;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (Result<std::string> one = util::try_read_file(entry.path()))
      text += *one;
  std::filesystem::remove_all(dir, ec);
  explain_and_end(ending, text, arch);
}

} // namespace xport::run
