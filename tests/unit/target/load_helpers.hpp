// Shared by the target tests: loading profiles given as text, with or without the built-in
// catalog, and collecting the problems a load reports.
#pragma once

#include <string>
#include <vector>

#include "target/catalog.hpp"
#include "target/diagnostic.hpp"

namespace xport::target::testing {

inline SearchOptions texts_only(std::vector<ProfileText> texts, bool builtins = true) {
  SearchOptions options;
  options.user_dirs = false;
  options.builtins = builtins;
  options.profile_texts = std::move(texts);
  return options;
}

inline Catalog load_texts(std::vector<ProfileText> texts, bool builtins = true) {
  return Catalog::load(texts_only(std::move(texts), builtins));
}

// The problems loading reports; empty when it succeeds.
inline std::vector<Diagnostic> problems_with(const SearchOptions& options) {
  try {
    Catalog::load(options);
  } catch (const ProfileError& e) {
    return e.diagnostics();
  }
  return {};
}

inline std::vector<Diagnostic> problems_of(std::vector<ProfileText> texts, bool builtins = true) {
  return problems_with(texts_only(std::move(texts), builtins));
}

} // namespace xport::target::testing
