// The target profile: everything xport knows about a target, resolved through inheritance. A
// profile is data (targets/*.toml and user files); this is its typed view, which the later parts
// (sysroot, driver, elf, rust, run) read. Keys are listed in target/schema.cpp, and documented in
// docs/profiles.md.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace xport::target {

enum class Endian { little, big };
enum class TlsModel { native, emulated };
enum class RuntimeLibrary { libgcc, compiler_rt };
enum class CxxStdlib { libstdcxx, libcxx, none };

// How the program is linked; each mode has its own start and end files.
enum class LinkMode { dynamic, pie, static_, static_pie, shared };

// The register (or system register) through which native TLS is reached. `none` means the target
// provides no thread pointer at all: any read of one is a bug there. a0: s390x's access registers
// a0 (high half) and a1 (low half); r13: 64-bit PowerPC's general register r13.
enum class ThreadPointer { none, fs, gs, tpidr_el0, tpidruro, tp, a0, r13 };

// How an OS encodes its version in the ABI note's descriptor.
enum class NoteVersionEncoding {
  none,      // no version in the note
  gnu,       // four words: OS (0 = Linux), major, minor, patch   ("for GNU/Linux 3.2.0")
  freebsd,   // one word: major*100000 + minor*1000 + patch       ("for FreeBSD 13.2")
  dragonfly, // one word: major*100000 + minor*10000 + patch      ("for DragonFly 3.0.702")
  netbsd,    // one word: major*100000000 + minor*1000000 + patch*100 ("for NetBSD 9.3")
  openbsd,   // one word, always 0                                ("for OpenBSD")
};

struct StartFiles {
  std::vector<std::string> begin; // before the user's objects, in order (crt1.o crti.o crtbegin.o)
  std::vector<std::string> end;   // after the libraries (crtend.o crtn.o)
};

// The note that says "this binary is for OS X": PT_NOTE / .note.ABI-tag or .note.tag.
struct AbiNote {
  std::string name;  // "FreeBSD", "DragonFly", "GNU", "NetBSD", "OpenBSD"
  uint32_t type = 1; // NT_GNU_ABI_TAG / NT_FREEBSD_ABI_TAG ... (all 1)
  NoteVersionEncoding encoding = NoteVersionEncoding::none;
  std::string min_version; // "3.2.0": a binary with an older note is flagged; "" = any
};

// The oldest major version of a tool (clang, lld) that builds correctly for a target, and why.
struct ToolMinimum {
  int version = 0;    // 0 = any
  std::string reason; // "lld before 15 cannot relax R_RISCV_ALIGN ..."
};

struct RustSettings {
  std::string base;         // the rustc built-in target the spec derives from
  nlohmann::json overrides; // object: target-spec-json fields to set
  // Applied instead of an override the toolchain rejects: {"tls-model": {"has-thread-local":
  // false}}
  nlohmann::json fallbacks;
  std::string panic;   // "abort" or "unwind"; "" = the base target's
  bool has_std = true; // false: build-std=core,alloc only
};

// Where `xport sysroot fetch` gets the target's media ([media] in a profile). Templates may use
// {mirror}, {release}, {arch}, {major}, {minor}, {nodot} and the release's own release-values.
struct MediaSource {
  std::string kind = "files"; // "files" or "apt"
  std::string mirror;         // the default {mirror}
  // Folders below an OS mirror's root that can be {mirror} ("releases" below FreeBSD's
  // pub/FreeBSD): a mirror the user names is tried as given, then with each of these appended.
  std::vector<std::string> mirror_folders;
  std::string arch; // {arch}; "" = the OS's spelling is the profile's arch
  std::vector<std::string> files;
  std::string checksums;       // URL template of the checksum list
  std::string checksum_format; // "freebsd-manifest" or "bsd"
  // The algorithm the OS publishes ("sha512", "sha256", "md5"); a list's entry of another is
  // refused. "" = the format's own (sha256 for freebsd-manifest).
  std::string checksum_algorithm;
  uint64_t max_size = 0; // the most bytes one medium may have; 0 = the default (4 GiB)
  // release -> the signify public key (base64) that signs its checksum list; none = unsigned.
  std::map<std::string, std::string> signify_keys;
  // release -> file name -> "algorithm:hex": digests a medium must have, whatever the list says.
  std::map<std::string, std::map<std::string, std::string>> pinned;
  std::vector<std::string> releases;
  std::string default_release;
  nlohmann::json release_values = nlohmann::json::object(); // {"9.3": {"sets": "tgz"}}
  std::vector<std::string> packages;                        // apt: package name templates
};

// A function the newest toolchains need and a symbol ABI lacks, supplied by a small runtime xport
// builds for the target (driver/abi_shims.cpp holds the code of each it knows).
struct AbiShim {
  std::string symbol;            // "pthread_setname_np"
  std::vector<std::string> uses; // the ABI's functions it is made of: "pthread_set_name_np"
  std::string why;               // who needs it and what the ABI has instead
};

// A target whose programs link against an ABI published as symbol files, not against the
// libraries of its media ([symbol-abi]; DESIGN: "Targets whose ABI is a list of symbols"). The
// sysroot gets it as a layer from the user's tree (`xport sysroot add NAME TREE`); the media stay
// the source of the headers.
struct SymbolAbi {
  std::string format = "genode"; // the tree's layout and symbol-file syntax
  // The APIs a component uses (Goa's used_apis without "genodelabs/api/"); XPORT_ABI_APIS
  // overrides them per build.
  std::vector<std::string> apis;
  // The libraries (symbol files) of each API; an API not listed has one, of its own name.
  std::map<std::string, std::vector<std::string>> api_libraries;
  std::string interpreter;                   // PT_INTERP of a component: "ld.lib.so"
  std::string link_script;                   // the tree's linker script for programs
  std::string dynamic_list;                  // the tree's list of always-exported symbols
  std::string stub_script;                   // the linker script the ABI stubs are linked with
  std::vector<std::string> link_flags;       // every link against the layer
  std::vector<std::string> executable_flags; // executables only (-Ttext)
  // Empty static libraries, so that the -l names a toolchain always passes (rustc's -lc
  // -lpthread ...) resolve to nothing rather than to the media's libraries.
  std::vector<std::string> empty_libs;
  std::vector<std::string> static_libs; // archives of the sysroot linked in: "gcc_eh", "gcc"
  std::vector<AbiShim> shims;
};

struct Profile {
  std::string name;
  std::string description;
  std::vector<std::string> inherits_chain; // this profile first, then its base, ... (names)

  std::string llvm_triple; // what clang gets as -target: "x86_64-pc-dragonfly-elf"
  std::string arch;        // x86_64 aarch64 riscv64 arm i686
  std::string os;          // linux freebsd dragonfly netbsd openbsd genode none
  std::string kernel;      // the kernel that runs its programs (uname -s); "" = the OS's own
  std::string env;         // gnu musl gnueabihf ""
  Endian endian = Endian::little;
  int pointer_width = 64;
  std::string object_format = "elf";

  std::string dynamic_linker; // "/libexec/ld-elf.so.1"
  std::map<LinkMode, StartFiles> start_files;
  std::vector<std::string> include_dirs;   // relative to the sysroot: "usr/include"
  std::vector<std::string> library_dirs;   // relative to the sysroot: "usr/lib", "usr/lib/gcc80"
  std::vector<std::string> startfile_dirs; // where crt files are searched (clang's -B)
  std::vector<std::string> default_libs;   // "c", "gcc", "gcc_s" ... as -l names, in order
  std::vector<std::string> static_libs;    // the same for static and static-pie links ("gcc_eh")
  RuntimeLibrary runtime_library = RuntimeLibrary::libgcc;
  CxxStdlib cxx_stdlib = CxxStdlib::libstdcxx;
  std::string linker = "lld";
  bool pie_default = false;
  ToolMinimum min_clang; // the oldest clang whose code is right for the target
  ToolMinimum min_lld;   // the oldest lld that links for it (checked on links with lld only)

  TlsModel tls_model = TlsModel::native;
  ThreadPointer thread_pointer = ThreadPointer::none;
  std::optional<AbiNote> abi_note;
  // Relocation type names the target's loader accepts in a linked binary (R_X86_64_RELATIVE ...);
  // empty = not declared (no check).
  std::vector<std::string> loader_relocations;
  // Symbols the target's C library does not define although the sysroot binaries are linked
  // against does (Genode's libc is FreeBSD's, without some of it): importing one is flagged.
  std::vector<std::string> unavailable_symbols;
  // Symbol-version ceilings ("GLIBC_2.17", "FBSD_1.5"): the newest version of each family a
  // program may need, to deploy to an older release than the sysroot's (version_ceiling.hpp).
  std::vector<std::string> max_versions;

  std::vector<std::string> compile_flags; // extra flags for every compile
  std::vector<std::string> link_flags;    // extra flags for every link

  std::string qemu;                // qemu-user name for foreign Linux targets: "aarch64"; "" = none
  std::vector<std::string> runner; // command that runs a program for the target ("ssh", "host")

  std::optional<RustSettings> rust;
  std::optional<MediaSource> media;
  std::optional<SymbolAbi> symbol_abi;
};

// Where a resolved field's value came from.
struct FieldOrigin {
  std::string file; // "targets/x86_64-unknown-freebsd.toml" or a user path
  int line = 0;
  int column = 0;
};

// The spelling each enum value has in profile files ("static-pie", "libc++", "tpidr_el0").
std::string_view to_string(Endian value);
std::string_view to_string(TlsModel value);
std::string_view to_string(RuntimeLibrary value);
std::string_view to_string(CxxStdlib value);
std::string_view to_string(LinkMode value);
std::string_view to_string(ThreadPointer value);
std::string_view to_string(NoteVersionEncoding value);

} // namespace xport::target
