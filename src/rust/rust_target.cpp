// From a resolved profile to the Rust part's view of it.
#include "rust/rust_target.hpp"

#include "rust/cache.hpp"
#include "sysroot/lookup.hpp"
#include "util/error.hpp"

namespace xport::rust {
namespace {

// Spec fields that follow from the profile's own facts, so a profile says a thing once: Genode is
// "FreeBSD, except tls-model = emulated", and its Rust spec follows without a [rust] override.
// An explicit rust.overrides entry wins; the fallback is used when the toolchain rejects the value
// (Rust 1.63 has no emulated TLS model: has-thread-local = false keeps std off the thread pointer).
struct ImpliedField {
  const char* profile_key; // where the fact is set, for error messages
  bool (*applies)(const target::Profile&);
  const char* spec_key;
  nlohmann::json value;
  nlohmann::json fallback;
};

const ImpliedField implied_fields[] = {
    {"tls-model",
     [](const target::Profile& p) { return p.tls_model == target::TlsModel::emulated; },
     "tls-model",
     "emulated",
     {{"has-thread-local", false}}},
};

void add_implied_overrides(const target::ResolvedProfile& resolved, RustTarget& t) {
  if (!t.rust.overrides.is_object())
    t.rust.overrides = nlohmann::json::object();
  if (!t.rust.fallbacks.is_object())
    t.rust.fallbacks = nlohmann::json::object();
  for (const ImpliedField& f : implied_fields) {
    if (!f.applies(resolved.profile) || t.rust.overrides.contains(f.spec_key))
      continue;
    t.rust.overrides[f.spec_key] = f.value;
    if (!t.rust.fallbacks.contains(f.spec_key))
      t.rust.fallbacks[f.spec_key] = f.fallback;
    auto origin = resolved.origins.find(f.profile_key);
    if (origin != resolved.origins.end())
      t.origins.emplace(std::string("rust.overrides.") + f.spec_key, origin->second);
  }
}

} // namespace

RustTarget rust_target_of(const target::ResolvedProfile& resolved,
                          const std::vector<std::filesystem::path>& profile_files,
                          const std::string& sysroot) {
  const target::Profile& p = resolved.profile;
  if (!p.rust)
    throw Error("profile '{}' has no [rust] table: add one with base = \"<rustc target>\" (for "
                "example base = \"x86_64-unknown-linux-gnu\") to build Rust for it",
                p.name);
  RustTarget t;
  t.name = p.name;
  t.rust = *p.rust;
  add_implied_overrides(resolved, t);
  nlohmann::json fields(resolved.fields);
  t.fingerprint = digest({fields.dump()});
  for (const auto& [key, origin] : resolved.origins)
    if (key.starts_with("rust."))
      t.origins.emplace(key, origin);
  t.driver_selection = {"--target", p.name};
  for (const auto& file : profile_files) {
    t.driver_selection.push_back("--profile");
    t.driver_selection.push_back(std::filesystem::absolute(file).string());
  }
  if (!sysroot.empty()) {
    t.driver_selection.push_back("--sysroot");
    t.driver_selection.push_back(sysroot::lasting_sysroot_argument(sysroot));
  }
  return t;
}

} // namespace xport::rust
