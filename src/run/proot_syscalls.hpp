// The system calls Debian 12's proot (5.1.0) lets through without translating their paths, made to
// fail with ENOSYS in xport shell's tree so that programs fall back to the calls proot does
// translate.
//
// proot emulates chdir: after `cd` in the tree (ctest does it for every test, into its
// WORKING_DIRECTORY) the kernel's working folder stays where proot started, and proot turns each
// relative path of a system call it knows into an absolute one under the folder it remembers.
// faccessat2 (Linux 5.8), statx (4.11) and openat2 (5.6) are newer than proot 5.1.0's table, so
// their relative paths reach the kernel as they are and name files in the wrong folder:
// access("f") of a file just created says ENOENT. glibc 2.36's faccessat() calls faccessat2 first,
// and qemu-user 7.2 serves a guest's access() and faccessat() with it and a guest's statx with the
// host's statx; so every access() of a relative path by a foreign program failed under ctest.
// With ENOSYS, glibc falls back to faccessat (and its statx() to fstatat), and qemu to fstatat.
#pragma once

#include <string_view>
#include <vector>

namespace xport::run {

// The names of the calls denied, for --print-command --json.
std::vector<std::string_view> syscalls_proot_cannot_translate();

// Installs a seccomp filter in this process (inherited by everything it execs) that answers those
// calls with ENOSYS; it sets no_new_privs first, as the kernel requires of an unprivileged
// process. Throws xport::Error when the kernel refuses.
void deny_syscalls_proot_cannot_translate();

} // namespace xport::run
