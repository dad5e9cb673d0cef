// `xport target list|show|diff|check`: the target catalog on the command line. Loading, resolving
// and comparing live in src/target; this file parses options and prints.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/target_options.hpp"
#include "target/diagnostic.hpp"
#include "target/diff.hpp"
#include "target/platform.hpp"
#include "util/error.hpp"
#include "util/json_text.hpp"

namespace xport::cli {
namespace {

using nlohmann::json;

std::string origin_text(const target::FieldOrigin& o) {
  return fmt::format("{}:{}:{}", o.file, o.line, o.column);
}

json origin_json(const target::FieldOrigin& o) {
  return {{"file", o.file}, {"line", o.line}, {"column", o.column}};
}

// Values as they would be written in a profile file: "text", true, ["a", "b"].
std::string value_text(const json& value) {
  if (!value.is_array())
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
  std::vector<std::string> items;
  for (const json& item : value)
    items.push_back(value_text(item));
  return fmt::format("[{}]", fmt::join(items, ", "));
}

// For two lists: the entries only `from` has ("R_X86_64_NONE").
std::vector<std::string> only_in(const json& from, const json& other) {
  std::vector<std::string> out;
  for (const json& item : from)
    if (std::find(other.begin(), other.end(), item) == other.end())
      out.push_back(value_text(item));
  return out;
}

// rustc's name for the target where rustc has it built in: the profile's Rust spec starts from
// the target rustc spells so (riscv64-unknown-linux-gnu: riscv64gc-unknown-linux-gnu); "" = none.
std::string rustc_counterpart(const std::string& name, const target::Profile& p) {
  std::string rustc = target::rustc_spelling(name);
  return p.rust && p.rust->base == rustc ? rustc : "";
}

int run_list(const TargetOptions& options, bool all, bool as_json) {
  target::Catalog catalog = load_catalog(options);
  json out = json::array();
  std::vector<std::array<std::string, 5>> rows;
  for (const std::string& name : catalog.names(all)) {
    target::ResolvedProfile r = catalog.resolve(name);
    const target::Profile& p = r.profile;
    std::string rustc = rustc_counterpart(name, p);
    out.push_back({{"name", name},
                   {"rustc-target", rustc.empty() ? json(nullptr) : json(rustc)},
                   {"llvm-triple", p.llvm_triple},
                   {"tls-model", std::string(to_string(p.tls_model))},
                   {"description", p.description},
                   {"abstract", r.abstract},
                   {"file", catalog.file_of(name)}});
    rows.push_back({name, rustc.empty() ? "-" : rustc, p.llvm_triple.empty() ? "-" : p.llvm_triple,
                    std::string(to_string(p.tls_model)), p.description});
  }
  if (as_json) {
    std::cout << util::json_text(out) << "\n";
    return exit_ok;
  }
  std::array<std::string, 5> heading = {"TARGET", "RUSTC TARGET", "LLVM TRIPLE", "TLS MODEL",
                                        "DESCRIPTION"};
  std::array<std::size_t, 4> width{};
  for (std::size_t i = 0; i < width.size(); ++i) {
    width[i] = heading[i].size();
    for (const auto& row : rows)
      width[i] = std::max(width[i], row[i].size());
  }
  auto print_row = [&](const std::array<std::string, 5>& row) {
    std::cout << fmt::format("{:<{}}  {:<{}}  {:<{}}  {:<{}}  {}\n", row[0], width[0], row[1],
                             width[1], row[2], width[2], row[3], width[3], row[4]);
  };
  print_row(heading);
  for (const auto& row : rows)
    print_row(row);
  return exit_ok;
}

int run_show(const TargetOptions& options, const std::string& name, bool as_json) {
  target::Catalog catalog = load_catalog(options);
  target::ResolvedProfile r = resolve_target(catalog, name, /*allow_abstract=*/true);
  std::vector<std::string> keys = target::ordered_keys(r);
  const auto& chain = r.profile.inherits_chain;
  if (as_json) {
    json fields = json::object();
    for (const std::string& key : keys)
      fields[key] = {{"value", r.fields.at(key)}, {"set-by", origin_json(r.origins.at(key))}};
    json out = {{"name", name},
                {"file", catalog.file_of(name)},
                {"inherits", chain},
                {"abstract", r.abstract},
                {"fields", fields}};
    std::cout << util::json_text(out) << "\n";
    return exit_ok;
  }
  std::cout << fmt::format("target:   {}{}\n", name, r.abstract ? " (abstract)" : "");
  std::cout << fmt::format("chain:    {}\n", fmt::join(chain, " -> "));
  std::cout << fmt::format("file:     {}\n\n", catalog.file_of(name));
  std::size_t key_width = 5, value_width = 5;
  for (const std::string& key : keys) {
    key_width = std::max(key_width, key.size());
    value_width =
        std::max(value_width, std::min<std::size_t>(value_text(r.fields.at(key)).size(), 44));
  }
  std::cout << fmt::format("{:<{}}  {:<{}}  {}\n", "FIELD", key_width, "VALUE", value_width,
                           "SET BY");
  for (const std::string& key : keys)
    std::cout << fmt::format("{:<{}}  {:<{}}  {}\n", key, key_width, value_text(r.fields.at(key)),
                             value_width, origin_text(r.origins.at(key)));
  return exit_ok;
}

int run_diff(const TargetOptions& options, const std::string& a, const std::string& b,
             bool as_json) {
  target::Catalog catalog = load_catalog(options);
  target::ResolvedProfile ra = resolve_target(catalog, a, true);
  target::ResolvedProfile rb = resolve_target(catalog, b, true);
  std::vector<target::FieldDifference> differences = target::diff(ra, rb);
  if (as_json) {
    json list = json::array();
    for (const auto& d : differences)
      list.push_back({{"field", d.key},
                      {"a", d.a ? *d.a : json(nullptr)},
                      {"b", d.b ? *d.b : json(nullptr)},
                      {"a-set-by", d.a_origin ? origin_json(*d.a_origin) : json(nullptr)},
                      {"b-set-by", d.b_origin ? origin_json(*d.b_origin) : json(nullptr)}});
    std::cout << util::json_text(json{{"a", a}, {"b", b}, {"differences", list}}) << "\n";
    return exit_ok;
  }
  if (differences.empty()) {
    std::cout << fmt::format("{} and {} resolve to the same fields\n", a, b);
    return exit_ok;
  }
  std::size_t width = std::max(a.size(), b.size());
  auto side = [&](const std::string& who, const std::optional<json>& value,
                  const std::optional<target::FieldOrigin>& origin) {
    std::cout << fmt::format("  {:<{}}  {}{}\n", who, width, value ? value_text(*value) : "(unset)",
                             origin ? "  (" + origin_text(*origin) + ")" : "");
  };
  for (const auto& d : differences) {
    std::cout << d.key << "\n";
    if (d.a && d.b && d.a->is_array() && d.b->is_array()) {
      // Long lists differ in a few entries: name those rather than print both lists.
      auto list_side = [&](const std::string& who, const json& mine, const json& theirs,
                           const target::FieldOrigin& origin) {
        std::vector<std::string> extra = only_in(mine, theirs);
        std::string what = extra.empty() ? "(no entries the other lacks)"
                                         : fmt::format("only here: {}", fmt::join(extra, ", "));
        std::cout << fmt::format("  {:<{}}  {}  ({})\n", who, width, what, origin_text(origin));
      };
      list_side(a, *d.a, *d.b, *d.a_origin);
      list_side(b, *d.b, *d.a, *d.b_origin);
      continue;
    }
    side(a, d.a, d.a_origin);
    side(b, d.b, d.b_origin);
  }
  return exit_ok;
}

// Reports the problems of `file` only: a broken profile elsewhere in the search path is mentioned,
// but does not make this file invalid.
int run_check(const TargetOptions& options, const std::string& file, bool as_json) {
  TargetOptions with_file = options;
  with_file.profiles.push_back(file);
  std::optional<target::Catalog> catalog;
  std::vector<target::Diagnostic> mine, others;
  try {
    catalog = load_catalog(with_file);
  } catch (const target::ProfileError& e) {
    std::error_code ec;
    std::filesystem::path checked = std::filesystem::weakly_canonical(file, ec);
    for (const target::Diagnostic& d : e.diagnostics())
      (std::filesystem::weakly_canonical(d.where.file, ec) == checked ? mine : others).push_back(d);
  }
  std::vector<std::string> defined;
  if (catalog) {
    std::error_code ec;
    for (const std::string& name : catalog->names(true))
      if (std::filesystem::weakly_canonical(catalog->file_of(name), ec) ==
          std::filesystem::weakly_canonical(file, ec))
        defined.push_back(name);
  }
  if (as_json) {
    json problems = json::array();
    for (const target::Diagnostic& d : mine)
      problems.push_back({{"file", d.where.file},
                          {"line", d.where.line},
                          {"column", d.where.column},
                          {"message", d.message}});
    json out = {{"file", file},
                {"ok", mine.empty()},
                {"targets", defined},
                {"problems", problems},
                {"problems-in-other-files", others.size()}};
    std::cout << util::json_text(out) << "\n";
    return mine.empty() ? exit_ok : exit_failed;
  }
  for (const target::Diagnostic& d : mine)
    std::cerr << d.str() << "\n";
  if (!others.empty())
    std::cerr << fmt::format("note: {} problem{} in other profile files, first: {}\n",
                             others.size(), others.size() == 1 ? "" : "s", others.front().str());
  if (!mine.empty()) {
    std::cerr << fmt::format("{}: {} problem{} found\n", file, mine.size(),
                             mine.size() == 1 ? "" : "s");
    return exit_failed;
  }
  std::cout << fmt::format("{}: ok{}\n", file,
                           defined.empty() ? "" : fmt::format(" ({})", fmt::join(defined, ", ")));
  return exit_ok;
}

} // namespace

int run_target(const Invocation& inv) {
  CLI::App app{"List, show, compare and check target profiles (docs/profiles.md)."};
  TargetOptions options;
  bool as_json = false, all = false;
  std::string first, second;

  CLI::App* list = app.add_subcommand("list", "the targets: name, llvm triple, tls model");
  list->add_flag("--all", all, "also list abstract profiles (bases for others)");
  CLI::App* show =
      app.add_subcommand("show", "a target's resolved fields and the file that set each");
  show->add_option("target", first, "target name")->required();
  CLI::App* diff = app.add_subcommand("diff", "the fields in which two targets differ");
  diff->add_option("a", first, "first target")->required();
  diff->add_option("b", second, "second target")->required();
  CLI::App* check =
      app.add_subcommand("check", "validate a profile file; exit 1 with its problems");
  check->add_option("file", first, "profile file")->required();
  for (CLI::App* sub : {list, show, diff, check}) {
    add_target_options(*sub, options, TargetOption::none);
    sub->add_flag("--json", as_json, "print JSON");
  }

  if (auto status = parse(app, inv))
    return *status;
  if (list->parsed())
    return run_list(options, all, as_json);
  if (show->parsed())
    return run_show(options, first, as_json);
  if (diff->parsed())
    return run_diff(options, first, second, as_json);
  if (check->parsed())
    return run_check(options, first, as_json);
  throw UsageError("missing subcommand: list, show, diff or check; see '{} --help'", inv.program);
}

} // namespace xport::cli
