// See layout_json.hpp. Field names follow layout.hpp's members.
#include "abi/layout_json.hpp"

namespace xport::abi {
namespace {

using nlohmann::json;

json place(const Place& p) {
  return {p.file, p.line};
}
Place place_of(const json& j) {
  return {j.at(0).get<std::string>(), j.at(1).get<unsigned>()};
}

} // namespace

json layout_to_json(const Dump& d) {
  json records = json::array();
  for (const auto& [name, r] : d.records) {
    json fields = json::array();
    for (const Field& f : r.fields)
      fields.push_back({f.name, f.offset_bits, f.size_bits, f.type, f.canonical, f.bitfield});
    records.push_back({{"name", r.name},
                       {"union", r.is_union},
                       {"size", r.size},
                       {"align", r.align},
                       {"fields", fields},
                       {"place", place(r.place)}});
  }
  json constants = json::array();
  for (const auto& [name, k] : d.constants)
    constants.push_back({k.name, k.value, k.is_unsigned, k.from_macro, place(k.place)});
  json typedefs = json::array();
  for (const auto& [name, t] : d.typedefs)
    typedefs.push_back({t.name, t.type, t.canonical, t.size, place(t.place)});
  json enums = json::array();
  for (const auto& [name, e] : d.enums)
    enums.push_back({e.name, e.values, place(e.place)});
  json functions = json::array();
  for (const auto& [name, f] : d.functions)
    functions.push_back({f.name, f.signature, place(f.place)});
  json failed = json::array();
  for (const FailedHeader& f : d.failed)
    failed.push_back({f.header, f.error});
  return {{"target", d.target},   {"sysroot", d.sysroot}, {"headers", d.headers},
          {"failed", failed},     {"records", records},   {"constants", constants},
          {"typedefs", typedefs}, {"enums", enums},       {"functions", functions}};
}

Dump layout_from_json(const json& j) {
  Dump d;
  j.at("target").get_to(d.target);
  j.at("sysroot").get_to(d.sysroot);
  j.at("headers").get_to(d.headers);
  for (const json& f : j.at("failed"))
    d.failed.push_back({f.at(0).get<std::string>(), f.at(1).get<std::string>()});
  for (const json& r : j.at("records")) {
    Record rec;
    r.at("name").get_to(rec.name);
    r.at("union").get_to(rec.is_union);
    r.at("size").get_to(rec.size);
    r.at("align").get_to(rec.align);
    rec.place = place_of(r.at("place"));
    for (const json& f : r.at("fields"))
      rec.fields.push_back({f.at(0).get<std::string>(), f.at(1).get<uint64_t>(),
                            f.at(2).get<uint64_t>(), f.at(3).get<std::string>(),
                            f.at(4).get<std::string>(), f.at(5).get<bool>()});
    d.records.emplace(rec.name, std::move(rec));
  }
  for (const json& k : j.at("constants")) {
    Constant c{k.at(0).get<std::string>(), k.at(1).get<int64_t>(), k.at(2).get<bool>(),
               k.at(3).get<bool>(), place_of(k.at(4))};
    d.constants.emplace(c.name, c);
  }
  for (const json& t : j.at("typedefs")) {
    Typedef td{t.at(0).get<std::string>(), t.at(1).get<std::string>(), t.at(2).get<std::string>(),
               t.at(3).get<uint64_t>(), place_of(t.at(4))};
    d.typedefs.emplace(td.name, td);
  }
  for (const json& e : j.at("enums")) {
    Enum en{e.at(0).get<std::string>(), e.at(1).get<std::vector<std::pair<std::string, int64_t>>>(),
            place_of(e.at(2))};
    d.enums.emplace(en.name, en);
  }
  for (const json& f : j.at("functions")) {
    Function fn{f.at(0).get<std::string>(), f.at(1).get<std::string>(), place_of(f.at(2))};
    d.functions.emplace(fn.name, fn);
  }
  return d;
}

} // namespace xport::abi
