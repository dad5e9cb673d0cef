// Two tables of platform facts that every part asks instead of keeping its own.
// - Architectures: the spellings of an architecture (a profile's `arch`, uname -m, Debian's and
//   LLVM's names), its ELF machine, Debian's multiarch name, the glibc and musl dynamic linkers,
//   the qemu-user program, compiler-rt's name, Meson's CPU family, whether it accesses unaligned
//   words, and how LLVM's disassembler reads its code.
// - Operating systems: the kernel that runs an OS's programs, its program interpreter, CMake's and
//   Meson's names for it, and whether qemu-user can run its programs.
// Adding an architecture or an OS is one row here (mold's per-arch constexpr structs are the
// model); what clang does per OS is driver/clang_defaults.cpp's table.
//
// Sources: the System V psABI supplements (ELF machines), Debian's multiarch tuples
// (https://wiki.debian.org/Multiarch/Tuples), clang 14's Linux::getMultiarchTriple and
// Linux::getDynamicLinker (clang/lib/Driver/ToolChains/Linux.cpp), musl's arch/*/reloc.h
// (LDSO_ARCH), qemu's linux-user targets, Meson's reference table of CPU families.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "target/profile.hpp"

namespace xport::target {

// How LLVM's disassembler reads an architecture's code, for the thread-pointer scan
// (elf/mc_decoder.cpp): the architecture of the triple it is created for, per byte order, ELF class
// and instruction set, the features to turn on, and how far to step over what it cannot decode.
struct LlvmDisassembly {
  std::string_view arch = "";             // "" = the scan does not decode this architecture's code
  std::string_view big_endian_arch = "";  // for big-endian code; "" = `arch`
  std::string_view other_class_arch = ""; // for code of the ELF class the row is not; "" = `arch`
  std::string_view thumb_arch = "";       // for ARM's Thumb code, little- and big-endian
  std::string_view thumb_big_endian_arch = "";
  std::string_view features = ""; // subtarget features ("+m,+a,+f,+d,+c"); "" = the triple's
  unsigned min_step = 1;          // bytes to skip over an instruction it cannot decode
  unsigned thumb_min_step = 2;
};

struct ArchFacts {
  std::string_view name;                     // a profile's `arch`
  std::span<const std::string_view> aliases; // other spellings of the same architecture
  uint16_t elf_machine;
  bool is_64;
  bool big_endian;
  std::string_view multiarch; // Debian's tuple starts "<multiarch>-linux-"
  std::string_view glibc_loader;
  std::string_view glibc_loader_hard_float; // "" = the same
  std::string_view musl_arch;               // /lib/ld-musl-<musl_arch>.so.1
  std::string_view musl_arch_hard_float;    // "" = the same
  std::string_view qemu;                    // qemu-<qemu>
  std::string_view meson_cpu_family;
  std::string_view compiler_rt; // libclang_rt.builtins-<compiler_rt>.a
  // The CPU of Debian's GNU type where it differs from `multiarch`: its cross packages name their
  // folders by it (usr/i686-linux-gnu, usr/lib/gcc-cross/i686-linux-gnu); "" = multiarch.
  std::string_view gnu_cpu = "";
  // The architecture as rustc's built-in target names spell it where that differs from `name`
  // (riscv64gc-unknown-linux-gnu); "" = `name`.
  std::string_view rustc_arch = "";
  // The hardware reads and writes unaligned words: compiler-builtins' memcpy may (its
  // mem-unaligned feature, which its build script turns on for this architecture).
  bool unaligned_access = false;
  LlvmDisassembly disassembly = {};
};

struct OsFacts {
  std::string_view name; // a profile's `os`
  // The kernel whose system calls the OS's programs make, as uname -s spells it in lower case;
  // "" when no kernel runs them directly (Genode's programs need its core and init).
  std::string_view kernel;
  std::string_view dynamic_linker; // PT_INTERP; "" = per architecture and C library (Linux)
  std::string_view cmake_system;   // CMAKE_SYSTEM_NAME
  std::string_view meson_system;   // [host_machine] system
  bool qemu_user;                  // Debian's qemu-user (linux-user) runs its programs
};

// Every row, in the order of the table.
std::span<const ArchFacts> architectures();

// The row for an architecture by its name or any alias ("armv7l", "arm64", "amd64"), or nullptr.
const ArchFacts* arch_facts(std::string_view name_or_alias);

// The row whose ELF machine is `elf_machine` (EM_X86_64 = 62 ...), or nullptr.
const ArchFacts* arch_of_elf_machine(uint16_t elf_machine);

// The architecture's name for any of its spellings, or the spelling itself when it is unknown.
std::string canonical_arch(std::string_view name_or_alias);

// A target name as rustc spells it: "riscv64-unknown-linux-gnu" -> "riscv64gc-unknown-linux-gnu";
// a name whose architecture rustc spells the same way is returned as it is.
std::string rustc_spelling(std::string_view target_name);
// The reverse: xport's spelling of a name rustc spells differently, or "" when it is not one.
std::string spelling_of_rustc_name(std::string_view rustc_name);

// Every OS row, and the row for a profile's `os` (nullptr when unknown).
std::span<const OsFacts> operating_systems();
const OsFacts* os_facts(std::string_view os);

// The kernel that runs the profile's programs: its `kernel` field, else its OS's; "" = none known.
std::string program_kernel(const Profile& profile);

// 32-bit ARM's float ABI is the environment's: gnueabihf and musleabihf are hard-float.
bool hard_float(const Profile& profile);

// Debian's multiarch tuple of a Linux profile: "aarch64-linux-gnu", "arm-linux-gnueabihf",
// "x86_64-linux-musl"; "" for other operating systems.
std::string debian_multiarch(const Profile& profile);

// The tuple Debian's cross packages use for their folders: "i686-linux-gnu" for i386, else the
// multiarch tuple.
std::string debian_cross_triplet(const Profile& profile);

// The dynamic linker of a Linux profile's C library (glibc or musl); "" when unknown.
std::string linux_dynamic_linker(const Profile& profile);

} // namespace xport::target
