// A classic-BPF seccomp filter: for the host's own system-call ABI, faccessat2, statx and openat2
// return ENOSYS; everything else (and every call of another ABI, e.g. a 32-bit program on a 64-bit
// host) is allowed. See seccomp(2) and linux/filter.h.
#include "run/proot_syscalls.hpp"

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <vector>

#include "util/error.hpp"

namespace xport::run {
namespace {

#if defined(__x86_64__)
constexpr unsigned host_audit_arch = AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
constexpr unsigned host_audit_arch = AUDIT_ARCH_AARCH64;
#elif defined(__riscv) && __riscv_xlen == 64
constexpr unsigned host_audit_arch = AUDIT_ARCH_RISCV64;
#elif defined(__powerpc64__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
constexpr unsigned host_audit_arch = AUDIT_ARCH_PPC64LE;
#elif defined(__s390x__)
constexpr unsigned host_audit_arch = AUDIT_ARCH_S390X;
#else
#error "add this host's AUDIT_ARCH_ constant"
#endif

struct Denied {
  std::string_view name;
  long number;
};
// The numbers are the same on every architecture since Linux 4.17's unified table for new calls;
// statx predates it and comes from the host's headers.
constexpr Denied denied[] = {
    {"faccessat2", 439},
    {"openat2", 437},
    {"statx", SYS_statx},
};

} // namespace

std::vector<std::string_view> syscalls_proot_cannot_translate() {
  std::vector<std::string_view> names;
  for (const Denied& d : denied)
    names.push_back(d.name);
  return names;
}

void deny_syscalls_proot_cannot_translate() {
  constexpr unsigned count = std::size(denied);
  std::vector<sock_filter> program = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)),
      // another ABI: on to the ALLOW below the comparisons
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, host_audit_arch, 0, count + 1),
      // x32 calls (bit 30 set) never equal the numbers below, so they are allowed too
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
  };
  for (unsigned i = 0; i < count; ++i) // jump to the ENOSYS return, `count - i` ahead
    program.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, static_cast<unsigned>(denied[i].number),
                               static_cast<unsigned char>(count - i), 0));
  program.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
  program.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (ENOSYS & SECCOMP_RET_DATA)));
  sock_fprog prog{static_cast<unsigned short>(program.size()), program.data()};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
      prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0)
    throw Error("cannot make faccessat2, statx and openat2 fall back to the calls proot translates "
                "(seccomp: {}); this kernel needs CONFIG_SECCOMP_FILTER for xport shell",
                std::strerror(errno));
}

} // namespace xport::run
