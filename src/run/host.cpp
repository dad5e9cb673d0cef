// Host detection and the architecture names qemu-user uses for each profile architecture.
#include "run/host.hpp"

#include <algorithm>
#include <sys/utsname.h>

namespace xport::run {
namespace {

struct NamePair {
  std::string_view from;
  std::string_view to;
};

// uname -m spellings that differ from the profile's `arch`.
constexpr NamePair machine_aliases[] = {
    {"amd64", "x86_64"}, {"arm64", "aarch64"}, {"armv7l", "arm"},
    {"i386", "i686"},    {"i486", "i686"},     {"i586", "i686"},
};

// Profile architectures whose qemu-user binary is named differently (qemu's linux-user targets).
constexpr NamePair qemu_names[] = {
    {"i386", "i386"},           {"i486", "i386"},   {"i586", "i386"},
    {"i686", "i386"},           {"powerpc", "ppc"}, {"powerpc64", "ppc64"},
    {"powerpc64le", "ppc64le"}, {"armv7", "arm"},   {"thumbv7", "arm"},
};

std::string_view lookup(std::span<const NamePair> table, std::string_view name) {
  auto it =
      std::find_if(table.begin(), table.end(), [&](const NamePair& p) { return p.from == name; });
  return it == table.end() ? name : it->to;
}

} // namespace

std::string profile_arch(std::string_view machine) {
  return std::string(lookup(machine_aliases, machine));
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
  return "qemu-" + std::string(lookup(qemu_names, arch));
}

} // namespace xport::run
