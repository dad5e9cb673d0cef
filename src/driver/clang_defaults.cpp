// clang 14's behaviour per target OS (see clang_defaults.hpp). Sources, all clang 14.0.6,
// clang/lib/Driver/ToolChains/:
// - Linux.cpp (Linux::Linux: file paths lib/<multiarch>, lib, usr/lib/<multiarch>, usr/lib;
//   getMultiarchTriple; getDynamicLinker; isPIEDefault = CLANG_DEFAULT_PIE_ON_LINUX or musl) and
//   Gnu.cpp (GCCInstallationDetector: with --gcc-toolchain only that prefix is searched; without it
//   the folder above clang's own, i.e. the host's /usr, is searched too).
// - FreeBSD.cpp (file path <sysroot>/usr/lib, dynamic linker /libexec/ld-elf.so.1, C++ library
//   libc++ only when the triple carries version 10 or later, so the unversioned triple gets
//   libstdc++).
// - DragonFly.cpp (file paths /usr/lib and /usr/lib/gcc80 without the sysroot, and
// -L/usr/lib/gcc80:
//   nothing inside --sysroot is found; dynamic linker /usr/libexec/ld-elf.so.2).
// - NetBSD.cpp (/usr/libexec/ld.elf_so), OpenBSD.cpp (/usr/libexec/ld.so, compiler-rt, PIE).
#include "driver/clang_defaults.hpp"

namespace xport::driver {
namespace {

using target::CxxStdlib;
using target::RuntimeLibrary;

constexpr std::string_view linux_libs[] = {"lib/{multiarch}", "lib", "usr/lib/{multiarch}",
                                           "usr/lib"};
constexpr std::string_view linux_includes[] = {"usr/local/include", "usr/include/{multiarch}",
                                               "include", "usr/include"};
constexpr std::string_view bsd_libs[] = {"usr/lib"};
constexpr std::string_view bsd_includes[] = {"usr/include"};
constexpr std::span<const std::string_view> nothing;

const ClangOsFacts facts[] = {
    {"dragonfly", false, nothing, nothing, bsd_includes, CxxStdlib::libstdcxx,
     RuntimeLibrary::libgcc, false},
    {"freebsd", false, bsd_libs, bsd_libs, bsd_includes, CxxStdlib::libstdcxx,
     RuntimeLibrary::libgcc, false},
    {"linux", true, linux_libs, linux_libs, linux_includes, CxxStdlib::libstdcxx,
     RuntimeLibrary::libgcc, std::nullopt},
    {"netbsd", false, bsd_libs, bsd_libs, bsd_includes, CxxStdlib::libcxx, RuntimeLibrary::libgcc,
     false},
    {"openbsd", false, bsd_libs, bsd_libs, bsd_includes, CxxStdlib::libcxx,
     RuntimeLibrary::compiler_rt, true},
};

// Linux::getDynamicLinker, by architecture, for glibc and musl.
struct LinuxLoader {
  std::string_view arch;
  std::string_view glibc;
  std::string_view musl_arch; // /lib/ld-musl-<musl_arch>.so.1
};
constexpr LinuxLoader linux_loaders[] = {
    {"aarch64", "/lib/ld-linux-aarch64.so.1", "aarch64"},
    {"arm", "/lib/ld-linux.so.3", "arm"},
    {"armv7", "/lib/ld-linux-armhf.so.3", "armhf"},
    {"i686", "/lib/ld-linux.so.2", "i386"},
    {"riscv64", "/lib/ld-linux-riscv64-lp64d.so.1", "riscv64"},
    {"x86_64", "/lib64/ld-linux-x86-64.so.2", "x86_64"},
};

constexpr std::pair<std::string_view, std::string_view> bsd_loaders[] = {
    {"dragonfly", "/usr/libexec/ld-elf.so.2"},
    {"freebsd", "/libexec/ld-elf.so.1"},
    {"netbsd", "/usr/libexec/ld.elf_so"},
    {"openbsd", "/usr/libexec/ld.so"},
};

// getMultiarchTriple: the architecture's Debian name; only arm distinguishes the float ABI.
constexpr std::pair<std::string_view, std::string_view> multiarch_names[] = {
    {"aarch64", "aarch64-linux-gnu"}, {"arm", "arm-linux-gnueabi"},
    {"armv7", "arm-linux-gnueabihf"}, {"i686", "i386-linux-gnu"},
    {"riscv64", "riscv64-linux-gnu"}, {"x86_64", "x86_64-linux-gnu"},
};

} // namespace

const ClangOsFacts* clang_os_facts(std::string_view os) {
  for (const ClangOsFacts& f : facts)
    if (f.os == os)
      return &f;
  return nullptr;
}

std::string clang_dynamic_linker(const target::Profile& profile) {
  if (profile.os == "linux") {
    for (const LinuxLoader& l : linux_loaders) {
      if (l.arch != profile.arch)
        continue;
      if (profile.env == "musl")
        return "/lib/ld-musl-" + std::string(l.musl_arch) + ".so.1";
      return std::string(l.glibc);
    }
    return "";
  }
  for (const auto& [os, loader] : bsd_loaders)
    if (os == profile.os)
      return std::string(loader);
  return "";
}

std::string clang_multiarch(const target::Profile& profile) {
  if (profile.os != "linux")
    return "";
  for (const auto& [arch, name] : multiarch_names)
    if (arch == profile.arch)
      return std::string(name);
  return "";
}

} // namespace xport::driver
