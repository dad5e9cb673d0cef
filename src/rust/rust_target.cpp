// From a resolved profile to the Rust part's view of it.
#include "rust/rust_target.hpp"

#include "rust/cache.hpp"
#include "util/error.hpp"

namespace xport::rust {

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
    bool folder = sysroot.find('/') != std::string::npos;
    t.driver_selection.push_back("--sysroot");
    t.driver_selection.push_back(folder ? std::filesystem::absolute(sysroot).string() : sysroot);
  }
  return t;
}

} // namespace xport::rust
