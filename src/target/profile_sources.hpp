// Where profile files come from, in load order: the built-in catalog, the search path
// (./xport/targets, $XDG_CONFIG_HOME/xport/targets), --profile files, then in-memory texts.
#pragma once

#include <string>
#include <vector>

#include "target/catalog.hpp"
#include "target/diagnostic.hpp"

namespace xport::target {

struct SourceFile {
  std::string path; // as cited in messages and provenance
  std::string text;
};

// Reads every profile file the options name. A file that cannot be read is a problem (path and the
// OS's reason), not an exception, so the other files are still checked.
std::vector<SourceFile> gather_sources(const SearchOptions& options,
                                       std::vector<Diagnostic>& problems);

} // namespace xport::target
