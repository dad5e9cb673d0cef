// Host detection, and the qemu-user program for a profile's architecture; both from the platform
// tables (target/platform.hpp).
#include "run/host.hpp"

#include <algorithm>
#include <sys/utsname.h>

#include "target/platform.hpp"

namespace xport::run {

std::string profile_arch(std::string_view machine) {
  return target::canonical_arch(machine);
}

Host current_host() {
  utsname names{};
  uname(&names);
  std::string os = names.sysname;
  std::transform(os.begin(), os.end(), os.begin(), [](unsigned char c) { return std::tolower(c); });
  return Host{profile_arch(names.machine), os};
}

bool runs_natively(const target::Profile& profile, const Host& host) {
  // The same machine code, and system calls the host's kernel answers: the profile's `kernel`
  // (a runtime layered over Linux says linux), else its OS's from the platform table.
  return target::canonical_arch(profile.arch) == host.arch &&
         target::program_kernel(profile) == host.os;
}

std::string qemu_program(std::string_view arch, std::string_view configured) {
  if (!configured.empty())
    return configured.starts_with("qemu-") ? std::string(configured)
                                           : "qemu-" + std::string(configured);
  const target::ArchFacts* facts = target::arch_facts(arch);
  return "qemu-" + std::string(facts ? facts->qemu : arch);
}

} // namespace xport::run
