// Deriving a rustc target spec (target-spec-json) for a profile from the spec rustc itself prints
// for the profile's Rust base target: the profile's overrides are applied one by one, each checked
// by the same rustc; an override the toolchain does not know or rejects is replaced by the
// profile's fallback for that key, or is an error naming the field and the toolchain. This file is
// pure (rustc is behind a callback); rust/spec_store.hpp runs rustc and caches the result.
//
// The spec format: https://doc.rust-lang.org/rustc/targets/custom.html and rustc's
// compiler/rustc_target/src/spec/json.rs (the fields and their parsing, per release).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "target/profile.hpp"

namespace xport::rust {

// The profile as the Rust part sees it.
struct RustTarget {
  std::string name; // profile name: the spec file's stem, which rustc takes as the target name
  target::RustSettings rust;
  std::string fingerprint; // digest of the resolved profile, for cache keys
  // Where each "rust.overrides.<key>" / "rust.fallbacks.<key>" was set, for messages.
  std::map<std::string, target::FieldOrigin> origins;
  // How `xport cc` selects this profile: {"--target", name} plus {"--profile", file} if needed.
  std::vector<std::string> driver_selection;
};

// rustc's verdict on one candidate spec.
struct SpecVerdict {
  bool accepted = false;
  std::string diagnostics;                // what rustc printed
  std::vector<std::string> unused_fields; // fields it ignored (older rustc warns, newer rejects)
  std::vector<std::string> known_fields;  // newer rustc lists them with "unknown field"
};
using SpecValidator = std::function<SpecVerdict(const nlohmann::json& spec)>;

// Reads rustc's output for `--print cfg --target FILE` into a verdict.
SpecVerdict parse_verdict(bool exited_ok, const std::string& diagnostics);

struct DerivedSpec {
  nlohmann::json spec;
  std::vector<std::string> notes; // fallbacks taken, one line each, for stderr
};

// The fields xport changes in every derived spec, and why (for docs and the diff test).
struct FieldChange {
  const char* field;
  const char* reason;
};
const std::vector<FieldChange>& xport_field_changes();

// The base spec with xport's changes: `linker` is the program rustc links with (xport's driver for
// the profile), the linker flavor becomes the plain cc flavor (the driver picks lld itself),
// rustc's self-contained linker is turned off, and built-in-only fields are dropped.
nlohmann::json apply_xport_fields(nlohmann::json base, const std::string& linker);

// The full derivation; `toolchain` describes the rustc in messages ("rustc 1.63.0
// (/usr/bin/rustc)"). Throws xport::Error listing every override that could not be applied.
DerivedSpec derive_spec(const nlohmann::json& base, const RustTarget& target,
                        const std::string& linker, const std::string& toolchain,
                        const SpecValidator& validate);

} // namespace xport::rust
