// The architecture table (see platform.hpp).
#include "target/platform.hpp"

#include <algorithm>

namespace xport::target {
namespace {

constexpr std::string_view x86_64_aliases[] = {"amd64", "x86-64"};
constexpr std::string_view aarch64_aliases[] = {"arm64", "armv8"};
constexpr std::string_view arm_aliases[] = {"armv7", "armv7l",  "armv7a", "armhf",
                                            "armel", "thumbv7", "armv6"};
constexpr std::string_view i686_aliases[] = {"i386", "i486", "i586", "x86"};
constexpr std::string_view riscv64_aliases[] = {"riscv64gc"};
constexpr std::string_view s390x_aliases[] = {"systemz"};
constexpr std::string_view powerpc64le_aliases[] = {"ppc64le", "ppc64el"};

// What LLVM's disassembler is created for: the triple's architecture and, for RISC-V, RV64GC's
// extensions (IMAFDC) without which it cannot decode compressed or floating-point code.
constexpr LlvmDisassembly x86_64_disassembly = {.arch = "x86_64"};
constexpr LlvmDisassembly i686_disassembly = {.arch = "i386"};
constexpr LlvmDisassembly aarch64_disassembly = {
    .arch = "aarch64", .big_endian_arch = "aarch64_be", .min_step = 4};
constexpr LlvmDisassembly arm_disassembly = {.arch = "armv7",
                                             .big_endian_arch = "armebv7",
                                             .thumb_arch = "thumbv7",
                                             .thumb_big_endian_arch = "thumbebv7",
                                             .min_step = 4,
                                             .thumb_min_step = 2};
constexpr LlvmDisassembly riscv64_disassembly = {
    .arch = "riscv64", .other_class_arch = "riscv32", .features = "+m,+a,+f,+d,+c", .min_step = 2};

constexpr ArchFacts table[] = {
    {"x86_64", x86_64_aliases, 62, true, false, "x86_64", "/lib64/ld-linux-x86-64.so.2", "",
     "x86_64", "", "x86_64", "x86_64", "x86_64", "", "", true, x86_64_disassembly},
    {"aarch64", aarch64_aliases, 183, true, false, "aarch64", "/lib/ld-linux-aarch64.so.1", "",
     "aarch64", "", "aarch64", "aarch64", "aarch64", "", "", true, aarch64_disassembly},
    {"arm", arm_aliases, 40, false, false, "arm", "/lib/ld-linux.so.3", "/lib/ld-linux-armhf.so.3",
     "arm", "armhf", "arm", "arm", "arm", "", "", false, arm_disassembly},
    {"i686", i686_aliases, 3, false, false, "i386", "/lib/ld-linux.so.2", "", "i386", "", "i386",
     "x86", "i386", "i686", "", true, i686_disassembly},
    {"riscv64", riscv64_aliases, 243, true, false, "riscv64", "/lib/ld-linux-riscv64-lp64d.so.1",
     "", "riscv64", "", "riscv64", "riscv64", "riscv64", "", "riscv64gc", false,
     riscv64_disassembly},
    {"s390x", s390x_aliases, 22, true, true, "s390x", "/lib/ld64.so.1", "", "s390x", "", "s390x",
     "s390x", "s390x"},
    {"powerpc64le", powerpc64le_aliases, 21, true, false, "powerpc64le", "/lib64/ld64.so.2", "",
     "powerpc64le", "", "ppc64le", "ppc64", "powerpc64le"},
};

// Sources: clang 14's FreeBSD.cpp, DragonFly.cpp, NetBSD.cpp and OpenBSD.cpp (getDynamicLinker
// and the linker's -dynamic-linker), CMake's Modules/Platform/<name>.cmake, Meson's reference table
// of operating system names, qemu's linux-user (Linux system calls only).
constexpr OsFacts os_table[] = {
    {"linux", "linux", "", "Linux", "linux", true},
    {"freebsd", "freebsd", "/libexec/ld-elf.so.1", "FreeBSD", "freebsd", false},
    {"dragonfly", "dragonfly", "/usr/libexec/ld-elf.so.2", "DragonFly", "dragonfly", false},
    {"netbsd", "netbsd", "/usr/libexec/ld.elf_so", "NetBSD", "netbsd", false},
    {"openbsd", "openbsd", "/usr/libexec/ld.so", "OpenBSD", "openbsd", false},
    {"genode", "", "", "Generic", "genode", false},
};

} // namespace

std::span<const ArchFacts> architectures() {
  return table;
}

std::span<const OsFacts> operating_systems() {
  return os_table;
}

const OsFacts* os_facts(std::string_view os) {
  for (const OsFacts& o : os_table)
    if (o.name == os)
      return &o;
  return nullptr;
}

std::string program_kernel(const Profile& p) {
  if (!p.kernel.empty())
    return p.kernel;
  const OsFacts* o = os_facts(p.os);
  return std::string(o ? o->kernel : "");
}

const ArchFacts* arch_facts(std::string_view name) {
  for (const ArchFacts& a : table)
    if (a.name == name || std::find(a.aliases.begin(), a.aliases.end(), name) != a.aliases.end())
      return &a;
  return nullptr;
}

const ArchFacts* arch_of_elf_machine(uint16_t elf_machine) {
  for (const ArchFacts& a : table)
    if (a.elf_machine == elf_machine)
      return &a;
  return nullptr;
}

std::string rustc_spelling(std::string_view target_name) {
  for (const ArchFacts& a : table)
    if (!a.rustc_arch.empty() && target_name.starts_with(a.name) &&
        target_name.substr(a.name.size()).starts_with('-'))
      return std::string(a.rustc_arch) + std::string(target_name.substr(a.name.size()));
  return std::string(target_name);
}

std::string spelling_of_rustc_name(std::string_view rustc_name) {
  for (const ArchFacts& a : table)
    if (!a.rustc_arch.empty() && rustc_name.starts_with(a.rustc_arch) &&
        rustc_name.substr(a.rustc_arch.size()).starts_with('-'))
      return std::string(a.name) + std::string(rustc_name.substr(a.rustc_arch.size()));
  return "";
}

std::string canonical_arch(std::string_view name) {
  const ArchFacts* a = arch_facts(name);
  return std::string(a ? a->name : name);
}

bool hard_float(const Profile& p) {
  return p.env.ends_with("hf");
}

std::string debian_multiarch(const Profile& p) {
  if (p.os != "linux")
    return "";
  const ArchFacts* a = arch_facts(p.arch);
  std::string prefix = a ? std::string(a->multiarch) : p.arch;
  return prefix + "-linux-" + (p.env.empty() ? "gnu" : p.env);
}

std::string debian_cross_triplet(const Profile& p) {
  const ArchFacts* a = arch_facts(p.arch);
  if (p.os != "linux" || !a || a->gnu_cpu.empty())
    return debian_multiarch(p);
  return std::string(a->gnu_cpu) + "-linux-" + (p.env.empty() ? "gnu" : p.env);
}

std::string linux_dynamic_linker(const Profile& p) {
  const ArchFacts* a = arch_facts(p.arch);
  if (p.os != "linux" || !a)
    return "";
  bool hf = hard_float(p);
  if (p.env.starts_with("musl")) {
    std::string_view arch =
        hf && !a->musl_arch_hard_float.empty() ? a->musl_arch_hard_float : a->musl_arch;
    return "/lib/ld-musl-" + std::string(arch) + ".so.1";
  }
  return std::string(hf && !a->glibc_loader_hard_float.empty() ? a->glibc_loader_hard_float
                                                               : a->glibc_loader);
}

} // namespace xport::target
