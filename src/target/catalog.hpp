// The catalog: every profile xport can see (built-in targets/*.toml, the user's search path,
// files given with --profile), resolved through `inherits` on demand.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "target/profile.hpp"

namespace xport::target {

// A profile file that lives in memory (tests, fuzzing): `path` is what messages cite.
struct ProfileText {
  std::string path;
  std::string contents;
};

struct SearchOptions {
  // Files given with --profile FILE, loaded after the search path.
  std::vector<std::filesystem::path> profile_files;
  // Search ./xport/targets and $XDG_CONFIG_HOME/xport/targets (default ~/.config/xport/targets).
  bool user_dirs = true;
  // When set, these folders are searched instead of default_search_dirs().
  std::optional<std::vector<std::filesystem::path>> search_dirs;
  // Profiles given as text, loaded last.
  std::vector<ProfileText> profile_texts;
  // Load the built-in catalog (compiled in from targets/*.toml).
  bool builtins = true;
};

// ./xport/targets, then $XDG_CONFIG_HOME/xport/targets (or ~/.config/xport/targets).
std::vector<std::filesystem::path> default_search_dirs();

// A profile with, for each field key that ended up set ("tls-model", "start-files.pie.begin",
// "rust.overrides.tls-model"), the file, line and column that set it last.
struct ResolvedProfile {
  Profile profile;
  std::map<std::string, FieldOrigin> origins;
  std::map<std::string, nlohmann::json> fields; // key -> resolved value, for show/diff/--json
  bool abstract = false; // a base for other profiles only (`abstract = true`)
};

class Catalog {
public:
  // Loads and validates every user file (search path, --profile, texts); throws ProfileError
  // (target/diagnostic.hpp, an xport::Error) listing every problem in every file, each as
  // file:line:col: unknown keys, wrong types, bad values, unknown bases, inheritance cycles,
  // duplicate names, unreadable files, TOML syntax. A target name may be defined once across all
  // files, built-in ones included. Built-in files are parsed when first needed: resolve() parses
  // the chain it walks, names() parses and checks them all (a problem there throws ProfileError).
  static Catalog load(const SearchOptions& options = {});

  // Resolves a profile by name through its inheritance chain, parsing only the files on it. A
  // target answers to rustc's spelling of its name too (riscv64gc-unknown-linux-gnu,
  // target/platform.hpp's rustc_spelling); the profile keeps the catalog's name.
  // Throws UnknownTarget (an xport::Error, with "did you mean") for a name no file defines.
  ResolvedProfile resolve(std::string_view name) const;

  // Sorted; abstract profiles only when asked for.
  std::vector<std::string> names(bool include_abstract = false) const;
  bool contains(std::string_view name) const;
  // The name a file defines for `name` (itself, or the target rustc spells so); "" = none.
  std::string catalog_name(std::string_view name) const;

  // The file that defines `name` ("targets/x86_64-unknown-freebsd.toml" or a user path).
  std::string file_of(std::string_view name) const;

  // Opaque loaded state; defined in catalog.cpp.
  struct Data;
  explicit Catalog(std::shared_ptr<const Data> data);

private:
  std::shared_ptr<const Data> data_;
};

} // namespace xport::target
