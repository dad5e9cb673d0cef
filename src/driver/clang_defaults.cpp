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

#include "target/platform.hpp"

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

} // namespace

const ClangOsFacts* clang_os_facts(std::string_view os) {
  for (const ClangOsFacts& f : facts)
    if (f.os == os)
      return &f;
  return nullptr;
}

std::string clang_dynamic_linker(const target::Profile& profile) {
  // Linux::getDynamicLinker: per architecture and C library; the BSDs: one per OS.
  if (profile.os == "linux")
    return target::linux_dynamic_linker(profile);
  const target::OsFacts* os = target::os_facts(profile.os);
  return std::string(os ? os->dynamic_linker : "");
}

// Linux::getMultiarchTriple: the Debian name with a "gnu" environment (clang 14 knows no musl
// tuples); 32-bit ARM takes its float ABI from the environment.
std::string clang_multiarch(const target::Profile& profile) {
  const target::ArchFacts* arch = target::arch_facts(profile.arch);
  if (profile.os != "linux" || !arch)
    return "";
  if (arch->name == "arm")
    return target::hard_float(profile) ? "arm-linux-gnueabihf" : "arm-linux-gnueabi";
  return std::string(arch->multiarch) + "-linux-gnu";
}

} // namespace xport::driver
