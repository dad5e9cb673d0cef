// Fuzzes the profile loader: the input is one user profile file, loaded with the built-in catalog
// (so `inherits` can reach real bases) and then every target resolved. Bad input must end in a
// ProfileError or UnknownTarget, never a crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "target/catalog.hpp"
#include "target/diagnostic.hpp"
#include "target/diff.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace xport::target;
  SearchOptions options;
  options.user_dirs = false;
  options.profile_texts = {{"fuzz.toml", std::string(reinterpret_cast<const char*>(data), size)}};
  try {
    Catalog catalog = Catalog::load(options);
    ResolvedProfile freebsd = catalog.resolve("x86_64-unknown-freebsd");
    for (const std::string& name : catalog.names(true)) {
      ResolvedProfile resolved = catalog.resolve(name);
      (void)diff(freebsd, resolved);
    }
  } catch (const xport::Error&) {
    // Reported problems are the expected outcome for most inputs.
  }
  return 0;
}
