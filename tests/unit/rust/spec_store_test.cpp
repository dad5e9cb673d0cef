// Spec derivation against real toolchains: every catalog profile with a Rust base, with the
// machine's nightly, must be accepted by that rustc; Genode's spec must be FreeBSD's own spec from
// the same toolchain plus tls-model = "emulated", apart from the fields xport always sets; Debian's
// rustc 1.63, which has no emulated TLS model, gets the profile's fallback.
#include <filesystem>
#include <set>
#include <unistd.h>

#include <gtest/gtest.h>

#include "rust/rust_target.hpp"
#include "rust/spec_store.hpp"
#include "target/catalog.hpp"
#include "util/error.hpp"

namespace xport::rust {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class SpecStore : public ::testing::Test {
protected:
  void SetUp() override {
    env_ = util::current_environment();
    cache_ = fs::temp_directory_path() / ("xport-spec-store-test-" + std::to_string(getpid()));
    env_["XDG_CACHE_HOME"] = cache_.string();
  }
  void TearDown() override { fs::remove_all(cache_); }

  std::optional<Toolchain> toolchain(const ToolchainRequest& request) {
    try {
      return find_toolchain(request, env_);
    } catch (const Error&) {
      return std::nullopt;
    }
  }

  RustTarget catalog_target(const std::string& name) {
    target::SearchOptions search;
    search.user_dirs = false;
    return rust_target_of(target::Catalog::load(search).resolve(name), {});
  }

  util::Environment env_;
  fs::path cache_;
  fs::path xport_ = fs::path(XPORT_BINARY_DIR) / "bin" / "xport";
};

TEST_F(SpecStore, EveryCatalogProfileWithARustBaseIsAcceptedByNightly) {
  auto nightly = toolchain({"nightly", {}});
  if (!nightly)
    GTEST_SKIP() << "no rustup nightly toolchain here";
  target::SearchOptions search;
  search.user_dirs = false;
  target::Catalog catalog = target::Catalog::load(search);
  int derived = 0;
  for (const std::string& name : catalog.names()) {
    target::ResolvedProfile resolved = catalog.resolve(name);
    if (!resolved.profile.rust || resolved.profile.rust->base.empty())
      continue;
    SCOPED_TRACE(name);
    SpecFile spec = derived_spec_file(*nightly, rust_target_of(resolved, {}), xport_, env_);
    EXPECT_EQ(spec.file.filename(), name + ".json");
    SpecVerdict verdict = check_spec_file(*nightly, spec.file, env_);
    EXPECT_TRUE(verdict.accepted) << verdict.diagnostics;
    EXPECT_TRUE(verdict.unused_fields.empty()) << verdict.diagnostics;
    std::string linker = spec.spec["linker"];
    EXPECT_TRUE(linker.starts_with((cache_ / "xport" / "rust" / "linkers").string())) << linker;
    EXPECT_TRUE(linker.ends_with("/" + name + "-cc")) << linker;
    ++derived;
  }
  EXPECT_GE(derived, 10) << "the catalog should have a Rust base for most targets";
}

TEST_F(SpecStore, GenodeIsFreeBsdWithEmulatedTlsOnNightly) {
  auto nightly = toolchain({"nightly", {}});
  if (!nightly)
    GTEST_SKIP() << "no rustup nightly toolchain here";
  SpecFile genode =
      derived_spec_file(*nightly, catalog_target("x86_64-unknown-genode"), xport_, env_);
  EXPECT_TRUE(genode.notes.empty());
  json freebsd = builtin_spec(*nightly, "x86_64-unknown-freebsd", env_);

  // The fields that differ, both ways.
  std::set<std::string> differing;
  for (const auto& [k, v] : genode.spec.items())
    if (!freebsd.contains(k) || freebsd[k] != v)
      differing.insert(k);
  for (const auto& [k, v] : freebsd.items())
    if (!genode.spec.contains(k))
      differing.insert(k);
  EXPECT_EQ(genode.spec["tls-model"], "emulated");
  std::set<std::string> allowed = {"tls-model"};
  for (const FieldChange& change : xport_field_changes())
    allowed.insert(change.field);
  for (const std::string& k : differing)
    EXPECT_TRUE(allowed.count(k)) << "field '" << k << "' differs from FreeBSD's own spec";
  EXPECT_TRUE(differing.count("linker"));
  EXPECT_TRUE(differing.count("tls-model"));
}

TEST_F(SpecStore, IsCachedPerToolchainAndProfile) {
  auto nightly = toolchain({"nightly", {}});
  if (!nightly)
    GTEST_SKIP() << "no rustup nightly toolchain here";
  RustTarget genode = catalog_target("x86_64-unknown-genode");
  SpecFile first = derived_spec_file(*nightly, genode, xport_, env_);
  SpecFile again = derived_spec_file(*nightly, genode, xport_, env_);
  EXPECT_FALSE(first.from_cache);
  EXPECT_TRUE(again.from_cache);
  EXPECT_EQ(first.file, again.file);
  genode.fingerprint += "-changed";
  SpecFile changed = derived_spec_file(*nightly, genode, xport_, env_);
  EXPECT_FALSE(changed.from_cache);
  EXPECT_NE(changed.file, first.file);
}

TEST_F(SpecStore, DebiansRustcGetsEmulatedTlsOrTheProfilesFallback) {
  auto debian = toolchain({{}, "/usr/bin/rustc"});
  if (!debian)
    GTEST_SKIP() << "Debian's rustc is not installed";
  SpecFile genode =
      derived_spec_file(*debian, catalog_target("x86_64-unknown-genode"), xport_, env_);
  EXPECT_FALSE(genode.spec.contains("is-builtin"));
  if (debian->release.starts_with("1.63")) {
    // rustc 1.63 (Debian 12's rustc) has no emulated model: has-thread-local = false instead.
    EXPECT_FALSE(genode.spec.contains("tls-model"));
    EXPECT_EQ(genode.spec["has-thread-local"], false);
    ASSERT_EQ(genode.notes.size(), 1u);
    EXPECT_NE(genode.notes[0].find("rejects tls-model = \"emulated\""), std::string::npos)
        << genode.notes[0];
  } else {
    // rustc-web 1.96 has it: no fallback, no note.
    EXPECT_EQ(genode.spec["tls-model"], "emulated");
    EXPECT_TRUE(genode.spec.value("has-thread-local", true)) << "the fallback was not taken";
    EXPECT_TRUE(genode.notes.empty());
  }
  // The notes come back from the cache too.
  EXPECT_EQ(derived_spec_file(*debian, catalog_target("x86_64-unknown-genode"), xport_, env_).notes,
            genode.notes);
}

TEST_F(SpecStore, AnUnknownBaseTargetSuggestsTheNearestBuiltin) {
  auto nightly = toolchain({"nightly", {}});
  if (!nightly)
    GTEST_SKIP() << "no rustup nightly toolchain here";
  try {
    builtin_spec(*nightly, "x86_64-unknown-freebds", env_);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean 'x86_64-unknown-freebsd'"),
              std::string::npos)
        << e.what();
  }
}

} // namespace
} // namespace xport::rust
