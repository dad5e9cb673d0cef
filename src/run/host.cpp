// Host detection, and the qemu-user program for a profile's architecture (from the platform
// table, target/platform.hpp).
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
  if (profile.arch != host.arch)
    return false;
  if (profile.os == host.os)
    return true;
  // "x86_64-genode-like" inheriting "x86_64-unknown-linux-gnu": the runtime is part of the
  // program, the kernel underneath is the host's.
  return std::any_of(
      profile.inherits_chain.begin(), profile.inherits_chain.end(), [&](const std::string& name) {
        return name.starts_with(host.arch + "-") && name.find("-" + host.os) != std::string::npos;
      });
}

std::string qemu_program(std::string_view arch, std::string_view configured) {
  if (!configured.empty())
    return configured.starts_with("qemu-") ? std::string(configured)
                                           : "qemu-" + std::string(configured);
  const target::ArchFacts* facts = target::arch_facts(arch);
  return "qemu-" + std::string(facts ? facts->qemu : arch);
}

} // namespace xport::run
