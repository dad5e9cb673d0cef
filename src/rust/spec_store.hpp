// Running rustc for spec derivation and caching the result: the base target's spec comes from
// `rustc -Z unstable-options --print target-spec-json --target BASE`, each candidate is checked
// with `rustc -Z unstable-options --print cfg --target FILE`, and the accepted spec is stored under
// <cache>/specs/<key>/<profile>.json, keyed by (rustc -vV, rustc path, resolved profile, linker).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "rust/spec.hpp"
#include "rust/toolchain.hpp"

namespace xport::rust {

struct SpecFile {
  std::filesystem::path file; // <cache>/specs/<key>/<profile>.json
  nlohmann::json spec;
  std::vector<std::string> notes; // fallbacks taken (also on a cache hit)
  bool from_cache = false;
};

// The derived spec for `target` with `toolchain`, from the cache or made now. `xport` is the xport
// executable the linker wrapper calls.
SpecFile derived_spec_file(const Toolchain& toolchain, const RustTarget& target,
                           const std::filesystem::path& xport, const util::Environment& env);

// The spec rustc prints for one of its built-in targets. Throws naming the target and toolchain
// ("did you mean" from its target list) when the toolchain does not have it.
nlohmann::json builtin_spec(const Toolchain& toolchain, const std::string& base,
                            const util::Environment& env);

// rustc's verdict on a spec file.
SpecVerdict check_spec_file(const Toolchain& toolchain, const std::filesystem::path& file,
                            const util::Environment& env);

// The program rustc links with for `target`: a small script in the cache that runs
// `<xport> cc <driver selection> "$@"` (rustc wants a program path, not a command line).
std::filesystem::path linker_wrapper(const std::filesystem::path& cache,
                                     const std::filesystem::path& xport, const RustTarget& target);

} // namespace xport::rust
