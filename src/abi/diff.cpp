// See diff.hpp. Items are matched by name; a record's fields by name, in A's order, then B's own.
#include "abi/diff.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

namespace xport::abi {
namespace {

std::string field_text(const Field* f) {
  if (!f)
    return "-";
  std::string at = f->bitfield ? fmt::format("{}.{}", f->offset_bits / 8, f->offset_bits % 8)
                               : fmt::format("{}", f->offset_bits / 8);
  std::string size =
      f->bitfield ? fmt::format(":{}", f->size_bits) : fmt::format("{}", f->size_bits / 8);
  return fmt::format("@{} {} {}", at, size, f->canonical);
}

bool same_field(const Field& a, const Field& b) {
  return a.offset_bits == b.offset_bits && a.size_bits == b.size_bits &&
         a.canonical == b.canonical && a.bitfield == b.bitfield;
}

const Field* find_field(const Record& r, const std::string& name) {
  auto it = std::find_if(r.fields.begin(), r.fields.end(),
                         [&](const Field& f) { return f.name == name; });
  return it == r.fields.end() ? nullptr : &*it;
}

std::vector<std::string> record_lines(const Dump& da, const Dump& db, const Record& a,
                                      const Record& b) {
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (const Record* r : {&a, &b})
    for (const Field& f : r->fields)
      if (seen.insert(f.name).second)
        names.push_back(f.name);
  bool differs = a.size != b.size || a.align != b.align || a.is_union != b.is_union;
  struct Row {
    std::string name, left, right;
    bool differs;
  };
  std::vector<Row> rows;
  for (const std::string& n : names) {
    const Field* fa = find_field(a, n);
    const Field* fb = find_field(b, n);
    bool row_differs = !fa || !fb || !same_field(*fa, *fb);
    differs |= row_differs;
    rows.push_back({n.empty() ? "(anonymous)" : n, field_text(fa), field_text(fb), row_differs});
  }
  if (!differs)
    return {};
  std::size_t name_width = std::string_view("field").size(), left_width = da.target.size();
  for (const Row& r : rows) {
    name_width = std::max(name_width, r.name.size());
    left_width = std::max(left_width, r.left.size());
  }
  std::vector<std::string> lines;
  lines.push_back(fmt::format("{} {}: size {} vs {}, align {} vs {} ({} vs {})",
                              a.is_union ? "union" : "struct", a.name, a.size, b.size, a.align,
                              b.align, a.place.file, b.place.file));
  lines.push_back(
      fmt::format("    {:<{}}  {:<{}}  {}", "field", name_width, da.target, left_width, db.target));
  for (const Row& r : rows)
    lines.push_back(fmt::format("  {} {:<{}}  {:<{}}  {}", r.differs ? "!" : " ", r.name,
                                name_width, r.left, left_width, r.right));
  return lines;
}

template <typename Map, typename Same, typename Show>
void compare(const Dump& a, const Dump& b, const Map& in_a, const Map& in_b, Kind kind,
             const std::vector<std::string>& names, std::vector<Difference>& out, Same same,
             Show show) {
  std::set<std::string> all;
  for (const auto& e : in_a)
    all.insert(e.first);
  for (const auto& e : in_b)
    all.insert(e.first);
  for (const std::string& name : all) {
    if (!selected(names, name))
      continue;
    auto ia = in_a.find(name);
    auto ib = in_b.find(name);
    if (ia == in_a.end() || ib == in_b.end()) {
      const std::string& side = ia == in_a.end() ? b.target : a.target;
      out.push_back({kind,
                     name,
                     {fmt::format("{}: only in {} ({})", name, side,
                                  ia == in_a.end() ? show(ib->second) : show(ia->second))}});
      continue;
    }
    std::vector<std::string> lines = same(ia->second, ib->second);
    if (!lines.empty())
      out.push_back({kind, name, std::move(lines)});
  }
}

} // namespace

std::vector<Difference> diff_dumps(const Dump& a, const Dump& b, const std::vector<Kind>& kinds,
                                   const std::vector<std::string>& names) {
  std::vector<Difference> out;
  if (selected(kinds, Kind::record))
    compare(
        a, b, a.records, b.records, Kind::record, names, out,
        [&](const Record& x, const Record& y) { return record_lines(a, b, x, y); },
        [](const Record& r) { return fmt::format("size {}, {}", r.size, r.place.file); });
  if (selected(kinds, Kind::constant))
    compare(
        a, b, a.constants, b.constants, Kind::constant, names, out,
        [&](const Constant& x, const Constant& y) {
          if (x.value == y.value && x.is_unsigned == y.is_unsigned)
            return std::vector<std::string>{};
          return std::vector<std::string>{fmt::format(
              "{}: {} vs {} ({}:{} vs {}:{})", x.name, constant_text(x), constant_text(y),
              x.place.file, x.place.line, y.place.file, y.place.line)};
        },
        [](const Constant& k) { return fmt::format("= {}", constant_text(k)); });
  if (selected(kinds, Kind::type))
    compare(
        a, b, a.typedefs, b.typedefs, Kind::type, names, out,
        [&](const Typedef& x, const Typedef& y) {
          if (x.canonical == y.canonical && x.size == y.size)
            return std::vector<std::string>{};
          return std::vector<std::string>{fmt::format("typedef {}: {} (size {}) vs {} (size {})",
                                                      x.name, x.canonical, x.size, y.canonical,
                                                      y.size)};
        },
        [](const Typedef& t) { return fmt::format("= {}", t.canonical); });
  if (selected(kinds, Kind::enumeration))
    compare(
        a, b, a.enums, b.enums, Kind::enumeration, names, out,
        [&](const Enum& x, const Enum& y) {
          if (x.values == y.values)
            return std::vector<std::string>{};
          return std::vector<std::string>{
              fmt::format("enum {}: values differ (see the constants)", x.name)};
        },
        [](const Enum& e) { return fmt::format("{} values", e.values.size()); });
  if (selected(kinds, Kind::function))
    compare(
        a, b, a.functions, b.functions, Kind::function, names, out,
        [&](const Function& x, const Function& y) {
          if (x.signature == y.signature)
            return std::vector<std::string>{};
          return std::vector<std::string>{
              fmt::format("func {}: {} vs {}", x.name, x.signature, y.signature)};
        },
        [](const Function& f) { return f.signature; });
  return out;
}

std::string diff_text(const Dump& a, const Dump& b, const std::vector<Difference>& differences) {
  std::string out =
      fmt::format("--- {} ({})\n+++ {} ({})\n", a.target, a.sysroot, b.target, b.sysroot);
  for (const Difference& d : differences)
    for (const std::string& line : d.lines)
      out += line + "\n";
  out += fmt::format("{} difference{}\n", differences.size(), differences.size() == 1 ? "" : "s");
  return out;
}

nlohmann::json diff_json(const Dump& a, const Dump& b, const std::vector<Difference>& differences) {
  nlohmann::json list = nlohmann::json::array();
  for (const Difference& d : differences) {
    std::string_view kind = d.kind == Kind::record     ? "struct"
                            : d.kind == Kind::constant ? "const"
                            : d.kind == Kind::type     ? "type"
                            : d.kind == Kind::function ? "func"
                                                       : "enum";
    list.push_back({{"kind", kind}, {"name", d.name}, {"lines", d.lines}});
  }
  return {{"a", {{"target", a.target}, {"sysroot", a.sysroot}}},
          {"b", {{"target", b.target}, {"sysroot", b.sysroot}}},
          {"differences", list}};
}

} // namespace xport::abi
