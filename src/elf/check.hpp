// `xport check`: every conformance check of one ELF image against a target profile, collected
// (never stopping at the first problem). Each check lives in its own file: check_header.cpp
// (machine, class, byte order, OS note, interpreter), check_tls.cpp (thread-pointer reads, TLS
// relocations and PT_TLS), check_relocations.cpp (loader relocation types, text relocations,
// static initializers), check_dependencies.cpp (NEEDED libraries and undefined symbols),
// check_version_ceiling.cpp (versioned imports above the symbol-version ceilings).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "elf/elf_file.hpp"
#include "elf/finding.hpp"
#include "elf/library_search.hpp"
#include "sysroot/symbol_abi.hpp"
#include "target/profile.hpp"
#include "target/version_ceiling.hpp"

namespace xport::elf {

// A sysroot's symbol-ABI layer as the checks use it: what the APIs in use define, and what the
// tree's other libraries define (to say which API has a missing symbol).
struct SymbolAbiContext {
  std::string format;                 // "genode"
  std::string tree;                   // "commit ffb059da..."
  std::vector<std::string> apis;      // in use
  std::vector<std::string> libraries; // of those APIs: "ld", "libc", "libm", "posix"
  // name -> the library and entry defining it, among the APIs' libraries (first wins)
  std::map<std::string, std::pair<std::string, sysroot::AbiSymbol>, std::less<>> defined;
  // name -> a library of the tree, outside the APIs, that defines it
  std::map<std::string, std::string, std::less<>> elsewhere;
  std::set<std::string, std::less<>> tree_libraries;
};

// Reads the layer's symbol files for the APIs. Throws xport::Error naming a symbol file that does
// not parse, or an API whose library the tree lacks.
SymbolAbiContext load_symbol_abi(const sysroot::SymbolAbiLayer& layer, const target::SymbolAbi& abi,
                                 const std::vector<std::string>& apis);

struct CheckContext {
  target::Profile profile;
  // The sysroot NEEDED libraries are looked up in; none = dependency checks skipped.
  std::optional<SysrootPlaces> sysroot;
  std::vector<std::filesystem::path> lib_dirs; // --lib-dir: folders of this machine, searched first
  // The files named on the command line, by soname and file name: a build tree's own libraries.
  std::map<std::string, std::filesystem::path, std::less<>> named_files;
  // What every program of the target defines for its libraries (the sysroot's crt1.o: FreeBSD's
  // environ and __progname): a shared library may leave these undefined.
  std::set<std::string, std::less<>> program_symbols;
  unsigned threads = 0; // for the thread-pointer scan; 0 = all hardware threads
  // The symbol-version ceilings in force: the profile's max-versions, XPORT_MAX_VERSION and
  // --max-version (target::version_ceilings); empty = no ceiling.
  target::VersionCeilings max_versions;
  // Set when the sysroot has the profile's symbol-ABI layer: imports, NEEDED names, copy
  // relocations, hash sections and versions are judged against it instead of the libraries.
  std::optional<SymbolAbiContext> symbol_abi;
};

// The image's name and member, for findings.
struct ImageName {
  std::string file;             // "libfoo.a(bar.o)"
  std::string member;           // "bar.o" or ""
  std::filesystem::path origin; // the folder the file is in on this machine ($ORIGIN); "" = none
};

std::vector<Finding> check_image(const ElfFile& elf, const ImageName& name,
                                 const CheckContext& context);

// The individual checks (each appends to `out`).
void check_header(const ElfFile& elf, const ImageName& name, const CheckContext& context,
                  std::vector<Finding>& out);
void check_tls(const ElfFile& elf, const ImageName& name, const CheckContext& context,
               std::vector<Finding>& out);
void check_relocations(const ElfFile& elf, const ImageName& name, const CheckContext& context,
                       std::vector<Finding>& out);
void check_static_initializers(const ElfFile& elf, const ImageName& name,
                               const CheckContext& context, std::vector<Finding>& out);
// Imports of the profile's unavailable-symbols (no sysroot needed).
void check_unavailable_symbols(const ElfFile& elf, const ImageName& name,
                               const CheckContext& context, std::vector<Finding>& out);
void check_dependencies(const ElfFile& elf, const ImageName& name, const CheckContext& context,
                        std::vector<Finding>& out);
// Versioned imports and needed versions above the ceilings (no sysroot needed).
void check_version_ceilings(const ElfFile& elf, const ImageName& name,
                            const target::VersionCeilings& ceilings, std::vector<Finding>& out);
// The same for the file a link wrote (xport cc). Throws xport::Error when it cannot be read.
std::vector<Finding> check_version_ceilings(const std::filesystem::path& path,
                                            const target::VersionCeilings& ceilings);
// Against the symbol-ABI layer (context.symbol_abi).
void check_symbol_abi(const ElfFile& elf, const ImageName& name, const CheckContext& context,
                      std::vector<Finding>& out);

// The global symbols the sysroot's crt1.o defines (empty when it has none).
std::set<std::string, std::less<>> start_file_symbols(const SysrootPlaces& sysroot);

// Whether the profile makes thread-pointer reads a bug: TLS emulated, or no thread pointer.
bool thread_pointer_forbidden(const target::Profile& profile);

} // namespace xport::elf
