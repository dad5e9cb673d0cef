// check-rust's report as text (mismatches first, each with both values and places, then what was
// not compared by reason, then one summary line) and as JSON (everything, each not-compared name).
#include <map>

#include <fmt/format.h>

#include "abi/rust_check.hpp"

namespace xport::abi {
namespace {

using nlohmann::json;

constexpr std::size_t names_shown = 8;

std::string subject(const RustMismatch& m) {
  if (m.kind == "value")
    return fmt::format("constant {}: value differs", m.name);
  if (m.field.empty())
    return fmt::format("{}: {} differs", m.name, m.kind == "align" ? "alignment" : "size");
  return fmt::format("{}.{}: {} differs", m.name, m.field, m.kind);
}

std::string with_place(const std::string& value, const std::string& place) {
  return place.empty() ? value : fmt::format("{:<8} ({})", value, place);
}

// A decimal number as a JSON number, anything else as a string.
json number_or_text(const std::string& text) {
  if (!text.empty() && text.find_first_not_of("-0123456789") == std::string::npos) {
    json n = json::parse(text, nullptr, false);
    if (n.is_number())
      return n;
  }
  return text;
}

} // namespace

std::string report_text(const RustCheckReport& r) {
  std::string out = fmt::format("{} {} ({}) for {} with {}\n", r.crate_name, r.crate_version,
                                r.crate, r.target, r.toolchain);
  if (!r.c_sysroot.empty())
    out += fmt::format("C side: {}\n", r.c_sysroot);
  if (!r.cfgs.empty())
    out += fmt::format("cfgs: {}\n", fmt::join(r.cfgs, " "));
  for (const std::string& a : r.assumptions)
    out += fmt::format("assumed: {}\n", a);
  for (const RustMismatch& m : r.mismatches) {
    out += fmt::format("\nMISMATCH {}\n", subject(m));
    out += fmt::format("  C:    {}\n", with_place(m.c_value, m.c_place));
    out += fmt::format("  Rust: {}\n", with_place(m.rust_value, m.rust_place));
  }
  // Grouped by kind and reason, in the order first met.
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;
  std::map<std::string, std::size_t> group_of;
  for (const NotCompared& n : r.not_compared) {
    std::string key = fmt::format("{}s {}", n.kind, n.why);
    auto [it, added] = group_of.emplace(key, groups.size());
    if (added)
      groups.push_back({key, {}});
    groups[it->second].second.push_back(n.name);
  }
  if (!groups.empty())
    out += "\nnot compared:\n";
  for (const auto& [key, names] : groups) {
    std::vector<std::string> shown(names.begin(),
                                   names.begin() + std::min(names.size(), names_shown));
    out += fmt::format(
        "  {} {}: {}{}\n", names.size(), key, fmt::join(shown, ", "),
        names.size() > names_shown ? fmt::format(" (+{} more)", names.size() - names_shown) : "");
  }
  out += fmt::format("\n{}: {} records ({} fields) and {} constants compared, {} mismatch{}, {} "
                     "not compared, {:.1f} s\n",
                     r.mismatches.empty() ? "OK" : "FAILED", r.records_compared, r.fields_compared,
                     r.constants_compared, r.mismatches.size(),
                     r.mismatches.size() == 1 ? "" : "es", r.not_compared.size(), r.seconds);
  return out;
}

json report_json(const RustCheckReport& r) {
  json mismatches = json::array();
  for (const RustMismatch& m : r.mismatches)
    mismatches.push_back(
        {{"kind", m.kind},
         {"name", m.name},
         {"field", m.field},
         {"c", {{"value", number_or_text(m.c_value)}, {"place", m.c_place}}},
         {"rust", {{"value", number_or_text(m.rust_value)}, {"place", m.rust_place}}}});
  json not_compared = json::array();
  for (const NotCompared& n : r.not_compared)
    not_compared.push_back({{"kind", n.kind}, {"name", n.name}, {"why", n.why}});
  return {{"target", r.target},
          {"toolchain", r.toolchain},
          {"crate", {{"name", r.crate_name}, {"version", r.crate_version}, {"path", r.crate}}},
          {"c-sysroot", r.c_sysroot},
          {"cfgs", r.cfgs},
          {"assumptions", r.assumptions},
          {"compared",
           {{"records", r.records_compared},
            {"fields", r.fields_compared},
            {"constants", r.constants_compared}}},
          {"mismatches", mismatches},
          {"not-compared", not_compared},
          {"probe-rounds", r.probe_rounds},
          {"sysroot-rebuilt", r.sysroot_rebuilt},
          {"seconds", r.seconds}};
}

} // namespace xport::abi
