// The crate `xport abi check-rust` compares: found (the libc the toolchain's library source
// vendors, or a folder the user names), read (its manifest's package and [lib] tables), and, once
// compiled, indexed for messages: where a record, field or constant is defined in the files rustc
// compiled for the target (its dep-info). The index only says where to look; every value compared
// comes from rustc.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "rust/toolchain.hpp"
#include "util/process.hpp"

namespace xport::abi {

struct RustCrate {
  std::filesystem::path dir; // holds Cargo.toml
  std::string package;       // [package] name: "libc"
  std::string version;
  std::string edition;            // "2015" when absent
  std::string lib_name;           // [lib] name, else the package's with '-' as '_'
  std::filesystem::path lib_path; // [lib] path, else src/lib.rs
};

// Reads <dir>/Cargo.toml. Throws xport::Error naming the folder when it is not a crate.
RustCrate read_rust_crate(const std::filesystem::path& dir);

// The newest <library>/vendor/libc-* of the toolchain's library source. Throws naming the folder
// searched and how to give a crate instead.
RustCrate vendored_libc(const rust::Toolchain& toolchain);

// The names the crate defines for the target, as rustdoc (rustc's front end: cfgs applied) lists
// them in its JSON output: structs, unions, enums and type aliases, and constants and statics.
// Anywhere in the crate, reachable or not: the probe still asks rustc about each, but no longer
// about the thousands of C names the crate has no item for (rustc reports an unresolved name
// with spelling suggestions from the whole crate, which takes minutes for a C library's macros).
struct CrateNames {
  std::map<std::string, std::string> types; // name -> rustdoc's kind: "struct", "enum" ...
  std::set<std::string> values;
};

// Runs <rustc's folder>/rustdoc with `args` (target, sysroot, cfgs) into `out_dir`; nullopt, with
// the reason in `why`, when there is no rustdoc or it fails.
std::optional<CrateNames> crate_names(const rust::Toolchain& toolchain, const RustCrate& crate,
                                      const std::vector<std::string>& args,
                                      const std::filesystem::path& out_dir,
                                      const util::Environment& env, std::string& why);

// The names in rustdoc's JSON output (pure, for tests); older formats name the kind in "kind",
// newer ones as the only key of "inner".
CrateNames names_of_rustdoc_json(const nlohmann::json& doc);

// Where definitions are, by a line scan of the compiled files.
class CrateIndex {
public:
  // "src/unix/bsd/freebsdlike/freebsd/freebsd13/mod.rs:42" (relative to the crate when under it):
  // the first `struct`/`union`/`const` of that name in a compiled file, then for a field the
  // first line in that definition starting with the field's name and a colon; "" when not found.
  std::string place_of(const std::string& name, const std::string& field) const;

  struct Line {
    std::size_t file = 0;
    std::size_t line = 0; // 0-based
  };
  std::vector<std::string> files;              // as shown
  std::vector<std::vector<std::string>> lines; // per file
  std::map<std::string, Line> definitions;     // first definition of each name
};

// Indexes the files listed in rustc's dep-info file `dep_info` (--emit=dep-info).
CrateIndex index_crate(const RustCrate& crate, const std::filesystem::path& dep_info);

// The index of a text given as one file (pure, for tests).
CrateIndex index_text(const std::string& file, const std::string& text);

} // namespace xport::abi
