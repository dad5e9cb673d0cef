// A symbol-ABI layer: the ABI a target's programs link against, read from the OS's own source
// tree (Genode's repos/*/lib/symbols/<lib>, one "name T|W|D size|B size|R size|U|V" a line, and
// the link recipe beside them), kept in the sysroot under symbol-abi/:
//   symbol-abi/layer.json          which tree it was (commit or release), its libraries, the recipe
//   symbol-abi/tree/<tree path>    the symbol files and recipe files, as the tree has them
//   symbol-abi/stubs/<lib>.lib.so  the ABI stubs programs link against (made by the driver)
//   symbol-abi/empty/lib<name>.a   empty archives for the -l names a toolchain always passes
// This file reads trees and symbol files and knows that layout; it runs no tools.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sysroot/media.hpp"
#include "target/profile.hpp"

namespace xport::sysroot {

inline constexpr std::string_view symbol_abi_dir = "symbol-abi";

// One line of a symbol file. Types as Genode's abi.mk makes them: T function, W weak function,
// D data (size), B bss (size), R read-only data (size), V weak object, U a symbol the library
// itself needs from the program (main, for posix).
struct AbiSymbol {
  std::string name;
  char type = 'T';
  uint64_t size = 0; // D, B and R only
  int line = 0;
  bool defined() const { return type != 'U'; }
  bool object() const { return type == 'D' || type == 'B' || type == 'R' || type == 'V'; }
};

// Parses a symbol file; comments (#) and blank lines are skipped. Throws xport::Error naming
// `origin`, the line and what was wrong.
std::vector<AbiSymbol> parse_symbol_file(std::string_view text, const std::string& origin);

// Which tree a layer came from, as far as the tree says.
struct TreeIdentity {
  std::string commit;               // from .git (a checkout), "" otherwise
  std::string version;              // from a VERSION file, "" otherwise
  std::string newest_release_notes; // "25.11" from doc/release_notes/25-11.txt
  std::string text() const; // "commit ffb059da..." / "version 25.05" / "release 25.11 or later"
  // text() with how it was known when only the release notes tell it.
  std::string explained() const;
};

// A tree staged into a folder: symbol-abi/tree/... and layer.json written, stubs not yet made.
struct StagedTree {
  std::string prefix; // where the tree is inside the medium: "genode-abi/genode" ("" = its root)
  TreeIdentity identity;
  std::map<std::string, std::string> libraries; // "libc" -> "repos/libports/lib/symbols/libc"
  std::vector<std::string> recipe;              // the recipe files' tree paths, as staged
  std::vector<std::string> duplicates;          // "libc: repos/a/..., repos/b/... (first kept)"
};

// Reads the tree out of the medium (a folder, or an archive holding one) into
// `staging`/symbol-abi/tree, in one pass. A tree is recognised by
// <prefix>/repos/base/lib/symbols/ld; none there: nullopt, nothing written. Only symbol files, the
// profile's recipe files and what tells the tree's identity are taken, and member names are never
// trusted (each path is rebuilt from checked components). Throws xport::Error naming the medium and
// member when a symbol file does not parse or a recipe file is missing.
std::optional<StagedTree> stage_symbol_abi_tree(const MediumSource& medium,
                                                const target::SymbolAbi& abi,
                                                const std::filesystem::path& staging);

// The empty archives (an ar file with no members: lld takes it and finds nothing in it).
void write_empty_archives(const std::filesystem::path& folder,
                          const std::vector<std::string>& names);

// layer.json's content, for the driver and the checks.
struct SymbolAbiLayer {
  std::filesystem::path dir; // <root>/symbol-abi
  std::string format;
  std::string source; // the medium's path when added
  TreeIdentity identity;
  std::map<std::string, std::string> libraries; // lib -> tree path
  std::filesystem::path tree() const { return dir / "tree"; }
  std::filesystem::path stub(const std::string& lib) const {
    return dir / "stubs" / (lib + ".lib.so");
  }
  std::filesystem::path empty_libs() const { return dir / "empty"; }
};

void write_layer_file(const std::filesystem::path& staging, const std::string& format,
                      const std::string& source, const StagedTree& tree);

// The layer of the sysroot at `root`, or none. Throws xport::Error for a layer.json that does not
// parse (naming it).
std::optional<SymbolAbiLayer> read_symbol_abi_layer(const std::filesystem::path& root);

// The libraries of the APIs (api-libraries, else the API's own name), in order, each once.
std::vector<std::string> api_libraries(const target::SymbolAbi& abi,
                                       const std::vector<std::string>& apis);

// The APIs of a build: XPORT_ABI_APIS (comma or space separated) when set, else the profile's.
std::vector<std::string> apis_in_use(const target::SymbolAbi& abi, const char* from_environment);

} // namespace xport::sysroot
