#include <gtest/gtest.h>

#include "rust/spec.hpp"
#include "util/error.hpp"

namespace xport::rust {
namespace {

using nlohmann::json;

const char* toolchain = "rustc 1.63.0 (/usr/bin/rustc)";

// rustc 1.63's spec of x86_64-unknown-freebsd, trimmed.
json freebsd_163() {
  return json{{"arch", "x86_64"},
              {"cpu", "x86-64"},
              {"os", "freebsd"},
              {"is-builtin", true},
              {"llvm-target", "x86_64-unknown-freebsd"},
              {"has-thread-local", true},
              {"target-pointer-width", "64"}};
}

RustTarget genode() {
  RustTarget t;
  t.name = "x86_64-unknown-genode";
  t.rust.base = "x86_64-unknown-freebsd";
  t.rust.overrides = {{"tls-model", "emulated"}};
  t.rust.fallbacks = {{"tls-model", {{"has-thread-local", false}}}};
  t.origins["rust.overrides.tls-model"] = {"targets/x86_64-unknown-genode.toml", 20, 13};
  return t;
}

// A stand-in for rustc 1.63: knows the fields in `known`, and rejects the "emulated" TLS model.
SpecValidator rustc_163(std::vector<std::string> known = {"arch", "cpu", "os", "llvm-target",
                                                          "has-thread-local", "tls-model",
                                                          "target-pointer-width", "linker"}) {
  return [known](const json& spec) {
    std::string err;
    std::vector<std::string> unused;
    for (const auto& [k, v] : spec.items())
      if (std::find(known.begin(), known.end(), k) == known.end())
        unused.push_back(k);
    if (spec.contains("is-builtin"))
      return parse_verdict(false, "error: Error loading target specification: may not set "
                                  "is_builtin for targets not built-in.\n");
    if (spec.value("tls-model", "") == "emulated")
      return parse_verdict(false, "error: Error loading target specification: 'emulated' is not "
                                  "a valid TLS model. Run `rustc --print tls-models` to see the "
                                  "list of supported values.. Run `rustc --print target-list` for "
                                  "a list of built-in targets\n");
    if (!unused.empty()) {
      std::string list;
      for (const auto& u : unused)
        list += (list.empty() ? "" : ", ") + u;
      return parse_verdict(true,
                           "warning: target json file contains unused fields: " + list + "\n\n");
    }
    return parse_verdict(true, "");
  };
}

TEST(ParseVerdict, ReadsOldRustcsUnusedFieldsWarning) {
  SpecVerdict v = parse_verdict(true, "warning: target json file contains unused fields: "
                                      "tls-modle, foo\n\n");
  EXPECT_TRUE(v.accepted);
  EXPECT_EQ(v.unused_fields, (std::vector<std::string>{"tls-modle", "foo"}));
}

TEST(ParseVerdict, ReadsNewRustcsUnknownFieldErrorAndItsListOfFields) {
  SpecVerdict v = parse_verdict(
      false, "error: error loading target specification: tls-modle: unknown field `tls-modle`, "
             "expected one of `llvm-target`, `tls-model`, `arch` at line 49 column 13\n");
  EXPECT_FALSE(v.accepted);
  EXPECT_EQ(v.unused_fields, std::vector<std::string>{"tls-modle"});
  EXPECT_EQ(v.known_fields, (std::vector<std::string>{"llvm-target", "tls-model", "arch"}));
}

TEST(ApplyXportFields, SetsTheLinkerAndDropsIsBuiltin) {
  json spec = apply_xport_fields(freebsd_163(), "/cache/linkers/x/x86_64-unknown-genode-cc");
  EXPECT_FALSE(spec.contains("is-builtin"));
  EXPECT_EQ(spec["linker"], "/cache/linkers/x/x86_64-unknown-genode-cc");
  EXPECT_EQ(spec["os"], "freebsd");
}

TEST(ApplyXportFields, TurnsLldFlavorsIntoTheCcFlavorAndDropsRustLld) {
  json base = {{"linker-flavor", "gnu-lld-cc"},
               {"link-self-contained", {{"components", {"linker"}}}}};
  json spec = apply_xport_fields(base, "/l");
  EXPECT_EQ(spec["linker-flavor"], "gnu-cc");
  EXPECT_FALSE(spec.contains("link-self-contained"));

  json old = apply_xport_fields({{"linker-flavor", "ld.lld"}}, "/l");
  EXPECT_EQ(old["linker-flavor"], "gcc");

  json kept = apply_xport_fields(
      {{"link-self-contained", {{"components", {"crt-objects", "linker"}}}}}, "/l");
  EXPECT_EQ(kept["link-self-contained"]["components"], json::array({"crt-objects"}));
}

TEST(DeriveSpec, AppliesAnOverrideTheToolchainAccepts) {
  RustTarget t = genode();
  SpecValidator nightly = [](const json&) { return parse_verdict(true, ""); };
  DerivedSpec d = derive_spec(freebsd_163(), t, "/l", "rustc 1.97.0-nightly (x)", nightly);
  EXPECT_EQ(d.spec["tls-model"], "emulated");
  EXPECT_EQ(d.spec["has-thread-local"], true);
  EXPECT_TRUE(d.notes.empty());
}

TEST(DeriveSpec, UsesTheProfilesFallbackForARejectedValueAndSaysSo) {
  DerivedSpec d = derive_spec(freebsd_163(), genode(), "/l", toolchain, rustc_163());
  EXPECT_FALSE(d.spec.contains("tls-model"));
  EXPECT_EQ(d.spec["has-thread-local"], false);
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_NE(d.notes[0].find("rustc 1.63.0"), std::string::npos) << d.notes[0];
  EXPECT_NE(d.notes[0].find("'emulated' is not a valid TLS model"), std::string::npos);
  EXPECT_NE(d.notes[0].find("has-thread-local = false"), std::string::npos);
}

TEST(DeriveSpec, ARejectedValueWithoutFallbackNamesFieldPlaceAndToolchain) {
  RustTarget t = genode();
  t.rust.fallbacks = json::object();
  try {
    derive_spec(freebsd_163(), t, "/l", toolchain, rustc_163());
    FAIL() << "expected an error";
  } catch (const Error& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("targets/x86_64-unknown-genode.toml:20:13: rust.overrides.tls-model"),
              std::string::npos)
        << m;
    EXPECT_NE(m.find("rustc 1.63.0 (/usr/bin/rustc) rejects tls-model = \"emulated\""),
              std::string::npos)
        << m;
    EXPECT_NE(m.find("fallbacks"), std::string::npos) << m;
  }
}

TEST(DeriveSpec, AnUnknownKeyIsAnErrorWithDidYouMean) {
  RustTarget t = genode();
  t.rust.overrides = {{"tls-modle", "initial-exec"}};
  try {
    derive_spec(freebsd_163(), t, "/l", toolchain, rustc_163());
    FAIL() << "expected an error";
  } catch (const Error& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("does not know the target-spec field 'tls-modle'"), std::string::npos) << m;
    EXPECT_NE(m.find("did you mean 'tls-model'"), std::string::npos) << m;
    EXPECT_NE(m.find("rustc 1.63.0"), std::string::npos) << m;
  }
}

TEST(DeriveSpec, ReportsEveryFailingOverrideAtOnce) {
  RustTarget t = genode();
  t.rust.fallbacks = json::object();
  t.rust.overrides["frobnicate"] = true;
  try {
    derive_spec(freebsd_163(), t, "/l", toolchain, rustc_163());
    FAIL() << "expected an error";
  } catch (const Error& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("2 of its Rust overrides"), std::string::npos) << m;
    EXPECT_NE(m.find("frobnicate"), std::string::npos) << m;
    EXPECT_NE(m.find("tls-model"), std::string::npos) << m;
  }
}

TEST(DeriveSpec, AFallbackTheToolchainAlsoRejectsIsAnError) {
  RustTarget t = genode();
  t.rust.fallbacks = {{"tls-model", {{"no-such-field", false}}}};
  try {
    derive_spec(freebsd_163(), t, "/l", toolchain, rustc_163());
    FAIL() << "expected an error";
  } catch (const Error& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("fallback (no-such-field = false) does not work either"), std::string::npos)
        << m;
  }
}

TEST(DeriveSpec, ABaseSpecTheToolchainRejectsIsAnErrorQuotingRustc) {
  SpecValidator broken = [](const json&) {
    return parse_verdict(false, "error: error loading target specification: data-layout: "
                                "invalid\n");
  };
  try {
    derive_spec(freebsd_163(), genode(), "/l", toolchain, broken);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("does not accept the spec derived from its own target "
                     "'x86_64-unknown-freebsd'"),
              std::string::npos)
        << m;
    EXPECT_NE(m.find("data-layout: invalid"), std::string::npos) << m;
  }
}

} // namespace
} // namespace xport::rust
