// The machine xport runs on, and whether it can run a target's programs itself: the same
// architecture, and programs whose kernel (target::program_kernel: the profile's `kernel`, else its
// OS's) is the host's. A Genode-like runtime linked into the program says kernel = "linux".
#pragma once

#include <string>
#include <string_view>

#include "target/profile.hpp"

namespace xport::run {

struct Host {
  std::string arch; // in profile spelling: x86_64, aarch64, riscv64, arm, i686 ...
  std::string os;   // the kernel, as uname -s in lower case: linux
};

// This machine, from uname(2).
Host current_host();

// uname's machine name in profile spelling ("amd64" and "x86_64" -> "x86_64", "arm64" ->
// "aarch64").
std::string profile_arch(std::string_view machine);

// True when programs for `profile` run directly on `host`.
bool runs_natively(const target::Profile& profile, const Host& host);

// The qemu-user program for an architecture ("aarch64" -> "qemu-aarch64", "i686" -> "qemu-i386");
// `configured` (the profile's qemu field, "aarch64" or "qemu-aarch64") wins when set.
std::string qemu_program(std::string_view arch, std::string_view configured);

} // namespace xport::run
