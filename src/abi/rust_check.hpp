// `xport abi check-rust`: a Rust crate's definitions for a target (by default the `libc` crate the
// toolchain's library source vendors) against the C side dumped from the sysroot's headers
// (abi/layout.hpp). For every record both sides name alike: size, alignment, and offset and size
// of each field of the same name; for every integer constant both have: its value.
//
// The Rust side is what rustc computes for the target, never a reading of Rust text: the crate is
// compiled for the profile's derived spec against a core built from source (rust/sysroot_build.hpp,
// cached like `xport rust sysroot`), then a generated probe crate whose `#[no_mangle]` statics hold
// size_of, align_of, offset_of! and the constants is compiled to an object, and the values are read
// back from its symbols (abi/rust_probe.hpp). Names the crate has no item for at all are known
// first from rustdoc's JSON (abi/rust_crate.hpp); the rest that rustc rejects (no such field, a
// private one, a pointer constant) from its JSON diagnostics: their statics are dropped and the
// probe compiled again.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "abi/layout.hpp"
#include "rust/spec.hpp"
#include "rust/toolchain.hpp"
#include "util/process.hpp"

namespace xport::abi {

struct RustCheckRequest {
  // The profile as the Rust part sees it: rust::rust_target_of(resolved, profile files, sysroot),
  // as `xport rust sysroot` makes it (its driver selection is what the derived spec links with).
  rust::RustTarget target;
  rust::ToolchainRequest toolchain;
  // A crate folder (holding Cargo.toml); empty: the newest libc-* under the toolchain's
  // library/vendor.
  std::filesystem::path crate;
  // The xport executable the derived spec's linker wrapper runs; empty: this process's own.
  std::filesystem::path xport;
  // The FreeBSD major version libc's cfgs select (freebsd12, freebsd13 ...); 0: libc's own
  // RUST_LIBC_UNSTABLE_FREEBSD_VERSION when set, else the headers' __FreeBSD_version, else 12
  // (what libc's build.rs assumes).
  int freebsd_version = 0;
};

// Where a value is defined: "sys/stat.h:160" on the C side, "src/unix/.../mod.rs:42" (relative to
// the crate) on the Rust side; "" when unknown.
struct RustMismatch {
  std::string kind;  // "size", "align", "offset", "field size", "value"
  std::string name;  // the record or constant
  std::string field; // for "offset" and "field size"
  std::string c_value;
  std::string rust_value;
  std::string c_place;
  std::string rust_place;
};

struct NotCompared {
  std::string kind; // "record", "field", "constant"
  std::string name; // "stat", "stat.st_birthtim", "EAGAIN"
  std::string why;  // "not in the crate", "private in the crate", "bitfield" ...
};

struct RustCheckReport {
  std::string target;
  std::string toolchain;                // "rustc 1.96.0 (/usr/bin/rustc)"
  std::string crate;                    // the crate's folder
  std::string crate_name;               // "libc"
  std::string crate_version;            // "0.2.183"
  std::string c_sysroot;                // the headers' folder (Dump::sysroot)
  std::vector<std::string> cfgs;        // passed to rustc for the crate
  std::vector<std::string> assumptions; // one sentence each: what was chosen and why
  std::vector<RustMismatch> mismatches;
  std::vector<NotCompared> not_compared;
  std::size_t records_compared = 0;
  std::size_t fields_compared = 0;
  std::size_t constants_compared = 0;
  int probe_rounds = 0; // probe compilations until rustc accepted it
  double seconds = 0;
  bool sysroot_rebuilt = false;
};

// Throws xport::Error when the toolchain, its library source, the crate or a compilation is
// missing or fails for a reason other than a name the crate lacks.
RustCheckReport check_rust(const Dump& c_side, const RustCheckRequest& request,
                           const util::Environment& env);

// ctest-like: one block per mismatch with both values and where each is defined, what was not
// compared (counted by reason), the assumptions, and a summary line.
std::string report_text(const RustCheckReport& report);
nlohmann::json report_json(const RustCheckReport& report);

// The cfgs libc's build.rs (0.2.x) prints for a target, from the derived spec (os, env, arch,
// pointer width) and the environment variables it reads; `freebsd_version` as chosen by
// check_rust. Pure, for tests.
std::vector<std::string> libc_cfgs(const nlohmann::json& spec, const util::Environment& env,
                                   int freebsd_version);

} // namespace xport::abi
