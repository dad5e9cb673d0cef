// The target-spec derivation engine. Each override is tried on its own against the toolchain, so
// a failure names exactly the field at fault, and every failing field is reported at once.
#include "rust/spec.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "util/error.hpp"
#include "util/suggest.hpp"
#include "util/text.hpp"

namespace xport::rust {
namespace {

using nlohmann::json;

// rustc < 1.85 warns "target json file contains unused fields: a, b" and goes on; newer ones fail
// with "unknown field `a`, expected one of `b`, `c`, ...".
const std::string old_unused_marker = "target json file contains unused fields: ";
const std::string new_unknown_marker = "unknown field `";

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  for (std::string_view item : util::split(text, ','))
    if (item = util::trim_end(util::trim_start(item, " `"), " `\r"); !item.empty())
      out.emplace_back(item);
  return out;
}

// The one line of rustc's output that says what is wrong, without the boilerplate around it.
std::string reason_of(const std::string& diagnostics) {
  for (std::string_view line : util::lines(diagnostics)) {
    auto at = line.find("rror: ");
    if (at == std::string_view::npos || line.find("rror") > 1)
      continue;
    std::string reason(line.substr(at + 6));
    for (const char* prefix :
         {"error loading target specification: ", "Error loading target specification: "})
      if (reason.starts_with(prefix))
        reason.erase(0, std::string(prefix).size());
    for (const char* tail : {". Run `rustc --print target-list`", ", expected one of"})
      if (auto cut = reason.find(tail); cut != std::string::npos)
        reason.erase(cut);
    return reason;
  }
  auto end = diagnostics.find_last_not_of("\n ");
  return end == std::string::npos ? "no message" : diagnostics.substr(0, end + 1);
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

std::string place_of(const RustTarget& target, const std::string& key) {
  auto it = target.origins.find(key);
  if (it == target.origins.end() || it->second.file.empty())
    return "";
  return fmt::format("{}:{}:{}: ", it->second.file, it->second.line, it->second.column);
}

std::string as_assignments(const json& object) {
  std::vector<std::string> parts;
  for (const auto& [k, v] : object.items())
    parts.push_back(k + " = " + v.dump());
  return fmt::format("{}", fmt::join(parts, ", "));
}

// Fields every rustc since 1.50 knows that built-in specs often leave at their default (and so
// older rustc does not print): candidates for "did you mean" when rustc gives no list itself.
const std::vector<std::string> common_fields = {"code-model",
                                                "cpu",
                                                "crt-static-default",
                                                "disable-redzone",
                                                "dynamic-linking",
                                                "eh-frame-header",
                                                "executables",
                                                "features",
                                                "frame-pointer",
                                                "has-thread-local",
                                                "late-link-args",
                                                "linker",
                                                "linker-flavor",
                                                "max-atomic-width",
                                                "no-default-libraries",
                                                "panic-strategy",
                                                "position-independent-executables",
                                                "post-link-args",
                                                "pre-link-args",
                                                "relocation-model",
                                                "relro-level",
                                                "singlethread",
                                                "static-position-independent-executables",
                                                "tls-model",
                                                "trap-unreachable"};

// Why the toolchain would not take `key`, or "" when it took it.
std::string refusal(const SpecVerdict& verdict, const std::string& key, const json& value,
                    const json& spec, const std::string& toolchain) {
  if (contains(verdict.unused_fields, key)) {
    std::vector<std::string> known = verdict.known_fields;
    if (known.empty())
      known = common_fields;
    for (const auto& [k, _] : spec.items())
      known.push_back(k);
    return fmt::format("{} does not know the target-spec field '{}'{}", toolchain, key,
                       util::did_you_mean(key, known));
  }
  if (!verdict.accepted)
    return fmt::format("{} rejects {} = {}: {}", toolchain, key, value.dump(),
                       reason_of(verdict.diagnostics));
  return "";
}

} // namespace

SpecVerdict parse_verdict(bool exited_ok, const std::string& diagnostics) {
  SpecVerdict verdict;
  verdict.accepted = exited_ok;
  verdict.diagnostics = diagnostics;
  if (auto at = diagnostics.find(old_unused_marker); at != std::string::npos) {
    auto start = at + old_unused_marker.size();
    verdict.unused_fields =
        split_list(diagnostics.substr(start, diagnostics.find('\n', start) - start));
  }
  if (auto at = diagnostics.find(new_unknown_marker); at != std::string::npos) {
    auto start = at + new_unknown_marker.size();
    verdict.unused_fields.push_back(
        diagnostics.substr(start, diagnostics.find('`', start) - start));
    const std::string expected = "expected one of ";
    if (auto list = diagnostics.find(expected, start); list != std::string::npos) {
      auto from = list + expected.size();
      auto to = diagnostics.find(" at line ", from);
      verdict.known_fields = split_list(diagnostics.substr(from, to - from));
    }
  }
  return verdict;
}

const std::vector<FieldChange>& xport_field_changes() {
  static const std::vector<FieldChange> changes = {
      {"is-builtin", "dropped: rustc refuses it in a spec that is not one of its own"},
      {"linker", "xport's driver for the profile (`xport cc --target T`), as a program path"},
      {"linker-flavor", "the plain cc flavor: the driver chooses lld itself, so rustc must not "
                        "add -fuse-ld=lld"},
      {"link-self-contained", "without the linker component: rustc must not put its own rust-lld "
                              "first on the driver's search path"},
  };
  return changes;
}

json apply_xport_fields(json spec, const std::string& linker) {
  spec.erase("is-builtin");
  spec["linker"] = linker;
  // Flavors that invoke lld (or ld) directly or ask cc for lld become the cc flavor of the same
  // rustc generation: "gnu-*" names since 1.74, "gcc"/"ld.lld" before.
  static const std::map<std::string, std::string> cc_flavor = {
      {"gnu-lld-cc", "gnu-cc"}, {"gnu-lld", "gnu-cc"}, {"gnu", "gnu-cc"},
      {"ld.lld", "gcc"},        {"ld", "gcc"},
  };
  if (auto flavor = spec.find("linker-flavor"); flavor != spec.end() && flavor->is_string())
    if (auto to = cc_flavor.find(flavor->get<std::string>()); to != cc_flavor.end())
      *flavor = to->second;
  if (auto self = spec.find("link-self-contained"); self != spec.end() && self->is_object()) {
    if (auto components = self->find("components");
        components != self->end() && components->is_array()) {
      json kept = json::array();
      for (const json& c : *components)
        if (c != "linker")
          kept.push_back(c);
      *components = kept;
      if (kept.empty())
        spec.erase("link-self-contained");
    }
  }
  return spec;
}

DerivedSpec derive_spec(const json& base, const RustTarget& target, const std::string& linker,
                        const std::string& toolchain, const SpecValidator& validate) {
  DerivedSpec out;
  out.spec = apply_xport_fields(base, linker);
  SpecVerdict first = validate(out.spec);
  if (!first.accepted)
    throw Error("{} does not accept the spec derived from its own target '{}' for profile '{}' "
                "(xport changed only linker, linker-flavor, link-self-contained, is-builtin): "
                "{}; rustc said:\n{}",
                toolchain, target.rust.base, target.name, reason_of(first.diagnostics),
                first.diagnostics);

  const json overrides = target.rust.overrides.is_null() ? json::object() : target.rust.overrides;
  const json& fallbacks = target.rust.fallbacks;
  std::vector<std::string> problems;
  if (!overrides.is_object())
    throw Error("profile '{}': rust.overrides must be a table of target-spec fields", target.name);
  for (const auto& [key, value] : overrides.items()) {
    json candidate = out.spec;
    candidate[key] = value;
    std::string why = refusal(validate(candidate), key, value, out.spec, toolchain);
    if (why.empty()) {
      out.spec = std::move(candidate);
      continue;
    }
    std::string place = place_of(target, "rust.overrides." + key);
    if (!fallbacks.is_object() || !fallbacks.contains(key)) {
      // A likely typo needs fixing, not a fallback.
      std::string remedy =
          why.find("did you mean") != std::string::npos
              ? "correct the field name in the profile"
              : fmt::format("give the profile a fallback for toolchains without it ([rust] "
                            "fallbacks = {{ {} = {{ field = value }} }}) or use a newer "
                            "toolchain (--toolchain NAME, --rustc PATH)",
                            key);
      problems.push_back(fmt::format("{}rust.overrides.{}: {}; {}", place, key, why, remedy));
      continue;
    }
    const json& fallback = fallbacks[key];
    if (!fallback.is_object()) {
      problems.push_back(fmt::format("{}rust.fallbacks.{}: must be a table of target-spec fields "
                                     "to set instead of the override, not {}",
                                     place_of(target, "rust.fallbacks." + key), key,
                                     fallback.dump()));
      continue;
    }
    json with_fallback = out.spec;
    std::string fallback_why;
    for (const auto& [fk, fv] : fallback.items()) {
      with_fallback[fk] = fv;
      if (fallback_why.empty())
        fallback_why = refusal(validate(with_fallback), fk, fv, out.spec, toolchain);
    }
    if (!fallback_why.empty()) {
      problems.push_back(fmt::format("{}rust.overrides.{}: {}; the profile's fallback ({}) does "
                                     "not work either: {}",
                                     place, key, why, as_assignments(fallback), fallback_why));
      continue;
    }
    out.spec = std::move(with_fallback);
    out.notes.push_back(
        fmt::format("{}; using the profile's fallback {} instead", why, as_assignments(fallback)));
  }
  if (!problems.empty())
    throw Error("profile '{}': {} of its Rust overrides cannot be applied with {}:\n  {}",
                target.name, problems.size(), toolchain, fmt::join(problems, "\n  "));
  return out;
}

} // namespace xport::rust
