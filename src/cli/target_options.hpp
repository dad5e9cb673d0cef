// The --target T and --profile FILE options every command that works for a target takes, and
// loading the catalog they describe. A command does:
//
//   TargetOptions target;
//   add_target_options(app, target);            // --target (required) and --profile
//   if (auto status = parse(app, inv)) return *status;
//   target::ResolvedProfile profile = resolve_target(target);
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "target/catalog.hpp"

namespace CLI {
class App;
}

namespace xport::cli {

struct TargetOptions {
  std::string target;                // --target T
  std::vector<std::string> profiles; // --profile FILE, repeatable
};

enum class TargetOption { required, optional, none };

// Adds `--profile FILE` (repeatable) and, unless `target` is none, `--target T`.
void add_target_options(CLI::App& app, TargetOptions& options,
                        TargetOption target = TargetOption::required);

// The catalog: built-ins, the search path, and the --profile files. Throws the catalog's
// ProfileError (every problem, file:line:col) when a file is bad.
target::Catalog load_catalog(const TargetOptions& options);

// Resolves `name` (or options.target). An unknown name or, unless allowed, an abstract profile is
// a usage error (exit status 2), with "did you mean".
target::ResolvedProfile resolve_target(const target::Catalog& catalog, std::string_view name,
                                       bool allow_abstract = false);
target::ResolvedProfile resolve_target(const TargetOptions& options);

} // namespace xport::cli
