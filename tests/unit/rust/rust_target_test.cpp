#include <gtest/gtest.h>

#include "rust/rust_target.hpp"
#include "util/error.hpp"

namespace xport::rust {
namespace {

target::ResolvedProfile genode() {
  target::ResolvedProfile r;
  r.profile.name = "x86_64-unknown-genode";
  r.profile.rust = target::RustSettings{};
  r.profile.rust->base = "x86_64-unknown-freebsd";
  r.profile.tls_model = target::TlsModel::emulated;
  r.fields["tls-model"] = "emulated";
  r.origins["tls-model"] = {"targets/x86_64-unknown-genode.toml", 15, 1};
  return r;
}

TEST(RustTargetOf, KeepsTheRustOriginsAndTellsTheDriverHowToFindTheProfile) {
  RustTarget t = rust_target_of(genode(), {"/p/genode.toml"}, "/srv/genode-sysroot");
  EXPECT_EQ(t.name, "x86_64-unknown-genode");
  EXPECT_EQ(t.origins.count("rust.overrides.tls-model"), 1u);
  EXPECT_EQ(t.origins.count("tls-model"), 0u);
  EXPECT_EQ(t.driver_selection,
            (std::vector<std::string>{"--target", "x86_64-unknown-genode", "--profile",
                                      "/p/genode.toml", "--sysroot", "/srv/genode-sysroot"}));
  EXPECT_EQ(rust_target_of(genode(), {}, "genode").driver_selection.back(), "genode");
}

TEST(RustTargetOf, TheSpecFollowsTheProfilesEmulatedTlsModelWithAFallback) {
  RustTarget t = rust_target_of(genode(), {});
  EXPECT_EQ(t.rust.overrides, (nlohmann::json{{"tls-model", "emulated"}}));
  EXPECT_EQ(t.rust.fallbacks, (nlohmann::json{{"tls-model", {{"has-thread-local", false}}}}));
  const target::FieldOrigin& origin = t.origins.at("rust.overrides.tls-model");
  EXPECT_EQ(origin.line, 15); // errors point at the profile's own tls-model line
}

TEST(RustTargetOf, AnExplicitRustOverrideWinsOverTheImpliedOne) {
  target::ResolvedProfile r = genode();
  r.profile.rust->overrides = {{"tls-model", "global-dynamic"}, {"has-thread-local", false}};
  RustTarget t = rust_target_of(r, {});
  EXPECT_EQ(t.rust.overrides["tls-model"], "global-dynamic");
  EXPECT_FALSE(t.rust.fallbacks.contains("tls-model"));

  target::ResolvedProfile native = genode();
  native.profile.tls_model = target::TlsModel::native;
  EXPECT_TRUE(rust_target_of(native, {}).rust.overrides.empty());
}

TEST(RustTargetOf, TheFingerprintFollowsTheResolvedFields) {
  target::ResolvedProfile changed = genode();
  changed.fields["tls-model"] = "native";
  EXPECT_EQ(rust_target_of(genode(), {}).fingerprint, rust_target_of(genode(), {}).fingerprint);
  EXPECT_NE(rust_target_of(genode(), {}).fingerprint, rust_target_of(changed, {}).fingerprint);
}

TEST(RustTargetOf, AProfileWithoutRustIsAnErrorSayingWhatToAdd) {
  target::ResolvedProfile r = genode();
  r.profile.rust.reset();
  try {
    rust_target_of(r, {});
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("has no [rust] table"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("base = "), std::string::npos);
  }
}

} // namespace
} // namespace xport::rust
