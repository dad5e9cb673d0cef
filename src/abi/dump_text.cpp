// The printed forms of a dump (see dump.hpp): text a person reads, JSON a program reads.
#include <algorithm>

#include <fmt/format.h>

#include "abi/dump.hpp"
#include "util/error.hpp"
#include "util/json_text.hpp"
#include "util/suggest.hpp"

namespace xport::abi {
namespace {

std::string place_text(const Place& p) {
  return p.file.empty() ? "" : fmt::format(" ({}:{})", p.file, p.line);
}

nlohmann::json place_json(const Place& p) {
  return {{"file", p.file}, {"line", p.line}};
}

} // namespace

bool selected(const std::vector<Kind>& kinds, Kind kind) {
  return kinds.empty() || std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

bool selected(const std::vector<std::string>& names, const std::string& name) {
  return names.empty() || std::find(names.begin(), names.end(), name) != names.end();
}

std::string constant_text(const Constant& k) {
  return k.is_unsigned ? fmt::format("{}", static_cast<uint64_t>(k.value))
                       : fmt::format("{}", k.value);
}

std::optional<Kind> parse_kind(std::string_view word) {
  if (word == "struct" || word == "union")
    return Kind::record;
  if (word == "const")
    return Kind::constant;
  if (word == "type")
    return Kind::type;
  if (word == "func")
    return Kind::function;
  if (word == "enum")
    return Kind::enumeration;
  return std::nullopt;
}

std::string record_text(const Record& r) {
  std::string out = fmt::format("{} {}{}: size {}, align {}\n", r.is_union ? "union" : "struct",
                                r.name, place_text(r.place), r.size, r.align);
  for (const Field& f : r.fields) {
    std::string at = f.offset_bits % 8 || f.bitfield
                         ? fmt::format("{}.{}", f.offset_bits / 8, f.offset_bits % 8)
                         : fmt::format("{}", f.offset_bits / 8);
    std::string size =
        f.bitfield ? fmt::format(":{}", f.size_bits) : fmt::format("{}", f.size_bits / 8);
    std::string type = f.type == f.canonical ? f.type : f.type + " = " + f.canonical;
    out += fmt::format("  {:>6} {:>5}  {} {}\n", at, size, f.name.empty() ? "(anonymous)" : f.name,
                       type.empty() ? "" : "(" + type + ")");
  }
  return out;
}

std::string dump_text(const Dump& dump, const std::vector<Kind>& kinds,
                      const std::vector<std::string>& names) {
  std::string out = fmt::format("# {} from {}: {} headers compiled, {} left out\n", dump.target,
                                dump.sysroot, dump.headers.size(), dump.failed.size());
  for (const FailedHeader& f : dump.failed)
    out += fmt::format("# left out {}: {}\n", f.header, f.error);
  if (selected(kinds, Kind::record))
    for (const auto& [name, r] : dump.records)
      if (selected(names, name))
        out += record_text(r);
  if (selected(kinds, Kind::enumeration))
    for (const auto& [name, e] : dump.enums)
      if (selected(names, name)) {
        out += fmt::format("enum {}{}\n", name, place_text(e.place));
        for (const auto& [n, v] : e.values)
          out += fmt::format("  {} = {}\n", n, v);
      }
  if (selected(kinds, Kind::type))
    for (const auto& [name, t] : dump.typedefs)
      if (selected(names, name))
        out += fmt::format("typedef {} = {}{}{}\n", name, t.type,
                           t.canonical != t.type ? " = " + t.canonical : "",
                           t.size ? fmt::format(", size {}", t.size) : "");
  if (selected(kinds, Kind::constant))
    for (const auto& [name, k] : dump.constants)
      if (selected(names, name))
        out += fmt::format("const {} = {}{}\n", name, constant_text(k), place_text(k.place));
  if (selected(kinds, Kind::function))
    for (const auto& [name, f] : dump.functions)
      if (selected(names, name))
        out += fmt::format("func {}: {}{}\n", name, f.signature, place_text(f.place));
  return out;
}

nlohmann::json dump_json(const Dump& dump, const std::vector<Kind>& kinds,
                         const std::vector<std::string>& names) {
  using nlohmann::json;
  json out = {{"target", dump.target}, {"sysroot", dump.sysroot}, {"headers", dump.headers}};
  json failed = json::array();
  for (const FailedHeader& f : dump.failed)
    failed.push_back({{"header", f.header}, {"error", f.error}});
  out["left_out"] = failed;
  if (selected(kinds, Kind::record)) {
    json records = json::object();
    for (const auto& [name, r] : dump.records) {
      if (!selected(names, name))
        continue;
      json fields = json::array();
      for (const Field& f : r.fields)
        fields.push_back({{"name", f.name},
                          {"offset_bits", f.offset_bits},
                          {"size_bits", f.size_bits},
                          {"type", f.type},
                          {"canonical", f.canonical},
                          {"bitfield", f.bitfield}});
      records[name] = {{"kind", r.is_union ? "union" : "struct"},
                       {"size", r.size},
                       {"align", r.align},
                       {"fields", fields},
                       {"place", place_json(r.place)}};
    }
    out["records"] = records;
  }
  if (selected(kinds, Kind::enumeration)) {
    json enums = json::object();
    for (const auto& [name, e] : dump.enums)
      if (selected(names, name)) {
        json values = json::object();
        for (const auto& [n, v] : e.values)
          values[n] = v;
        enums[name] = {{"values", values}, {"place", place_json(e.place)}};
      }
    out["enums"] = enums;
  }
  if (selected(kinds, Kind::type)) {
    json types = json::object();
    for (const auto& [name, t] : dump.typedefs)
      if (selected(names, name))
        types[name] = {{"type", t.type},
                       {"canonical", t.canonical},
                       {"size", t.size},
                       {"place", place_json(t.place)}};
    out["typedefs"] = types;
  }
  if (selected(kinds, Kind::constant)) {
    json constants = json::object();
    for (const auto& [name, k] : dump.constants)
      if (selected(names, name)) {
        json value = k.is_unsigned ? json(static_cast<uint64_t>(k.value)) : json(k.value);
        constants[name] = {{"value", value},
                           {"from", k.from_macro ? "macro" : "enum"},
                           {"place", place_json(k.place)}};
      }
    out["constants"] = constants;
  }
  if (selected(kinds, Kind::function)) {
    json functions = json::object();
    for (const auto& [name, f] : dump.functions)
      if (selected(names, name))
        functions[name] = {{"signature", f.signature}, {"place", place_json(f.place)}};
    out["functions"] = functions;
  }
  return out;
}

void require_known_names(const std::vector<const Dump*>& dumps,
                         const std::vector<std::string>& names) {
  std::vector<std::string> known;
  auto known_in = [&](const std::string& name) {
    for (const Dump* d : dumps)
      if (d->records.contains(name) || d->constants.contains(name) || d->typedefs.contains(name) ||
          d->enums.contains(name) || d->functions.contains(name))
        return true;
    return false;
  };
  for (const std::string& name : names) {
    if (known_in(name))
      continue;
    if (known.empty())
      for (const Dump* d : dumps) {
        for (const auto& e : d->records)
          known.push_back(e.first);
        for (const auto& e : d->constants)
          known.push_back(e.first);
        for (const auto& e : d->typedefs)
          known.push_back(e.first);
        for (const auto& e : d->enums)
          known.push_back(e.first);
        for (const auto& e : d->functions)
          known.push_back(e.first);
      }
    throw UsageError("no struct, union, enum, typedef, constant or function '{}' in the headers "
                     "of {}{}",
                     name, dumps.front()->target, util::did_you_mean(name, known));
  }
}

} // namespace xport::abi
