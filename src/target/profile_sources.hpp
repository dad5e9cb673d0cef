// Where user profile files come from, in load order: the search path (./xport/targets,
// $XDG_CONFIG_HOME/xport/targets), --profile files, then in-memory texts. The built-in catalog
// (builtin_files.hpp) comes first and is read by the catalog itself, one file at a time.
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

// Reads every user profile file the options name. A file that cannot be read is a problem (path and
// the OS's reason), not an exception, so the other files are still checked.
std::vector<SourceFile> gather_sources(const SearchOptions& options,
                                       std::vector<Diagnostic>& problems);

} // namespace xport::target
