// --target and --profile, shared by every command that works for a target (see target_options.hpp).
#include "cli/target_options.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "target/diagnostic.hpp"
#include "util/error.hpp"

namespace xport::cli {

void add_target_options(CLI::App& app, TargetOptions& options, TargetOption target) {
  if (target != TargetOption::none) {
    CLI::Option* opt = app.add_option("-t,--target", options.target,
                                      "target profile name (see 'xport target list')");
    if (target == TargetOption::required)
      opt->required();
  }
  app.add_option("--profile", options.profiles,
                 "also load this profile file (repeatable); see docs/profiles.md")
      ->type_name("FILE")
      ->allow_extra_args(false);
}

target::Catalog load_catalog(const TargetOptions& options) {
  target::SearchOptions search;
  search.profile_files.assign(options.profiles.begin(), options.profiles.end());
  return target::Catalog::load(search);
}

target::ResolvedProfile resolve_target(const target::Catalog& catalog, std::string_view name,
                                       bool allow_abstract) {
  target::ResolvedProfile resolved;
  try {
    resolved = catalog.resolve(name);
  } catch (const target::UnknownTarget& e) {
    throw UsageError(e.what());
  }
  if (resolved.abstract && !allow_abstract)
    throw UsageError("'{}' is an abstract profile (a base for others, {}); pick a target that "
                     "inherits it, see 'xport target list'",
                     name, catalog.file_of(name));
  return resolved;
}

target::ResolvedProfile resolve_target(const TargetOptions& options) {
  return resolve_target(load_catalog(options), options.target);
}

} // namespace xport::cli
