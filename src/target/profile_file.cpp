// Reading one profile file: TOML syntax (toml++ keeps every key's line and column), then each key
// against the schema (schema.cpp). Problems are collected, not thrown, so a user sees all of them.
#include "target/profile_file.hpp"

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "target/schema.hpp"
#include "target/toml.hpp"
#include "target/version_ceiling.hpp"
#include "util/suggest.hpp"

namespace xport::target {

std::vector<std::string> ListEdit::apply(std::vector<std::string> inherited) const {
  std::vector<std::string> out = replace ? *replace : std::move(inherited);
  std::erase_if(out, [&](const std::string& s) {
    return std::find(remove.begin(), remove.end(), s) != remove.end();
  });
  out.insert(out.begin(), prepend.begin(), prepend.end());
  out.insert(out.end(), append.begin(), append.end());
  return out;
}

namespace {

std::string_view toml_type_name(const toml::node& node) {
  switch (node.type()) {
  case toml::node_type::string:
    return "a string";
  case toml::node_type::integer:
    return "an integer";
  case toml::node_type::floating_point:
    return "a float";
  case toml::node_type::boolean:
    return "a boolean";
  case toml::node_type::array:
    return "an array";
  case toml::node_type::table:
    return "a table";
  case toml::node_type::date:
    return "a date";
  case toml::node_type::time:
    return "a time";
  case toml::node_type::date_time:
    return "a date-time";
  default:
    return "nothing";
  }
}

nlohmann::json to_json(const toml::node& node) {
  switch (node.type()) {
  case toml::node_type::string:
    return node.as_string()->get();
  case toml::node_type::integer:
    return node.as_integer()->get();
  case toml::node_type::floating_point:
    return node.as_floating_point()->get();
  case toml::node_type::boolean:
    return node.as_boolean()->get();
  case toml::node_type::array: {
    nlohmann::json out = nlohmann::json::array();
    for (const toml::node& element : *node.as_array())
      out.push_back(to_json(element));
    return out;
  }
  case toml::node_type::table: {
    nlohmann::json out = nlohmann::json::object();
    for (auto&& [key, value] : *node.as_table())
      out[std::string(key.str())] = to_json(value);
    return out;
  }
  default: {
    std::ostringstream text; // dates and times: as TOML writes them
    node.visit([&](const auto& v) { text << v; });
    return text.str();
  }
  }
}

// Walks one file's tables against the schema, collecting settings and problems.
class FileReader {
public:
  FileReader(std::string_view path, std::vector<Diagnostic>& problems)
      : path_(path), problems_(problems) {}

  FieldOrigin at(const toml::source_region& region) const {
    return FieldOrigin{path_, static_cast<int>(region.begin.line),
                       static_cast<int>(region.begin.column)};
  }

  template <typename... Args>
  void problem(const toml::source_region& region, fmt::format_string<Args...> format,
               Args&&... args) {
    problems_.push_back({at(region), fmt::format(format, std::forward<Args>(args)...)});
  }

  void read_table(const toml::table& table, const std::string& prefix,
                  std::vector<Setting>& settings) {
    for (auto&& [key, node] : table) {
      std::string name(key.str());
      std::string dotted = prefix.empty() ? name : prefix + "." + name;
      const KeySpec* spec = find_key(dotted);
      if (!spec) {
        std::vector<std::string> near = child_keys(prefix);
        problem(key.source(), "unknown key '{}'{}{}", name,
                prefix.empty() ? "" : fmt::format(" in [{}]", prefix),
                util::did_you_mean(name, near));
        continue;
      }
      read_value(*spec, dotted, key.source(), node, settings);
    }
  }

private:
  void wrong_type(const std::string& key, KeyType expected, const toml::node& node) {
    problem(node.source(), "wrong type for '{}': expected {}, got {}", key, type_name(expected),
            toml_type_name(node));
  }

  void read_value(const KeySpec& spec, const std::string& key, const toml::source_region& where,
                  const toml::node& node, std::vector<Setting>& settings) {
    Setting setting{key, nullptr, std::nullopt, at(where), spec.inherited};
    switch (spec.type) {
    case KeyType::string:
      if (!node.is_string())
        return wrong_type(key, spec.type, node);
      setting.value = node.as_string()->get();
      break;
    case KeyType::boolean:
      if (!node.is_boolean())
        return wrong_type(key, spec.type, node);
      setting.value = node.as_boolean()->get();
      break;
    case KeyType::integer:
      if (!node.is_integer())
        return wrong_type(key, spec.type, node);
      if (!integer_in_range(key, *node.as_integer()))
        return;
      setting.value = node.as_integer()->get();
      break;
    case KeyType::enumeration: {
      if (!node.is_string())
        return wrong_type(key, spec.type, node);
      const std::string& value = node.as_string()->get();
      if (std::find(spec.values.begin(), spec.values.end(), value) == spec.values.end()) {
        std::vector<std::string> valid(spec.values.begin(), spec.values.end());
        problem(node.source(), "bad value '{}' for '{}': expected one of {}{}", value, key,
                fmt::join(spec.values, ", "), util::did_you_mean(value, valid));
        return;
      }
      setting.value = value;
      break;
    }
    case KeyType::string_list: {
      std::optional<ListEdit> edit = read_list(key, node);
      if (!edit)
        return;
      if (edit->replace)
        setting.value = *edit->replace;
      setting.list = std::move(edit);
      break;
    }
    case KeyType::table:
      if (!node.is_table())
        return wrong_type(key, spec.type, node);
      return read_table(*node.as_table(), key, settings);
    case KeyType::free_table:
      if (!node.is_table())
        return wrong_type(key, spec.type, node);
      return read_free_table(key, *node.as_table(), settings);
    }
    settings.push_back(std::move(setting));
  }

  bool integer_in_range(const std::string& key, const toml::value<int64_t>& node) {
    int64_t v = node.get();
    if (key == "pointer-width" && v != 16 && v != 32 && v != 64) {
      problem(node.source(), "bad value {} for 'pointer-width': expected 16, 32 or 64", v);
      return false;
    }
    if (key == "abi-note.type" && (v < 0 || v > 0xffffffffLL)) {
      problem(node.source(), "bad value {} for 'abi-note.type': expected 0 to 4294967295", v);
      return false;
    }
    if (key == "media.max-size" && v < 1) {
      problem(node.source(), "bad value {} for 'media.max-size': expected a size in bytes, above 0",
              v);
      return false;
    }
    if ((key == "min-clang.version" || key == "min-lld.version") && (v < 1 || v > 999)) {
      problem(node.source(), "bad value {} for '{}': expected a major version such as 15", v, key);
      return false;
    }
    return true;
  }

  std::optional<std::vector<std::string>> read_strings(const std::string& key,
                                                       const toml::node& node) {
    if (!node.is_array()) {
      problem(node.source(), "wrong type for '{}': expected an array of strings, got {}", key,
              toml_type_name(node));
      return std::nullopt;
    }
    std::vector<std::string> out;
    bool ok = true;
    std::size_t index = 0;
    for (const toml::node& element : *node.as_array()) {
      ++index;
      if (!element.is_string()) {
        problem(element.source(), "wrong type for '{}' element {}: expected a string, got {}", key,
                index, toml_type_name(element));
        ok = false;
        continue;
      }
      const std::string& value = element.as_string()->get();
      if (key == "max-versions" || key.starts_with("max-versions.")) {
        if (Result<VersionCeiling> ceiling = parse_version_ceiling(value); !ceiling) {
          problem(element.source(), "bad value for 'max-versions': {}", ceiling.error());
          ok = false;
          continue;
        }
      }
      out.push_back(value);
    }
    return ok ? std::optional(std::move(out)) : std::nullopt;
  }

  std::optional<ListEdit> read_list(const std::string& key, const toml::node& node) {
    ListEdit edit;
    if (node.is_array()) {
      edit.replace = read_strings(key, node);
      return edit.replace ? std::optional(std::move(edit)) : std::nullopt;
    }
    if (!node.is_table()) {
      problem(node.source(),
              "wrong type for '{}': expected an array of strings or a table with append, prepend "
              "or remove, got {}",
              key, toml_type_name(node));
      return std::nullopt;
    }
    static const std::vector<std::string> operations = {"append", "prepend", "remove"};
    bool ok = true;
    for (auto&& [op_key, op_node] : *node.as_table()) {
      std::string op(op_key.str());
      std::vector<std::string>* target = op == "append"    ? &edit.append
                                         : op == "prepend" ? &edit.prepend
                                         : op == "remove"  ? &edit.remove
                                                           : nullptr;
      if (!target) {
        problem(op_key.source(),
                "unknown list operation '{}' for '{}': expected append, prepend "
                "or remove{}",
                op, key, util::did_you_mean(op, operations));
        ok = false;
        continue;
      }
      std::optional<std::vector<std::string>> values = read_strings(key + "." + op, op_node);
      if (!values) {
        ok = false;
        continue;
      }
      *target = std::move(*values);
    }
    return ok ? std::optional(std::move(edit)) : std::nullopt;
  }

  void read_free_table(const std::string& prefix, const toml::table& table,
                       std::vector<Setting>& settings) {
    for (auto&& [key, node] : table) {
      std::string dotted = prefix + "." + std::string(key.str());
      if (prefix == "rust.fallbacks" && !node.is_table()) {
        problem(
            node.source(),
            "wrong type for '{}': expected a table of target-spec fields to set instead, got {}",
            dotted, toml_type_name(node));
        continue;
      }
      if (prefix == "symbol-abi.api-libraries" && !is_string_array(node)) {
        problem(node.source(), "wrong type for '{}': expected an array of library names, got {}",
                dotted, toml_type_name(node));
        continue;
      }
      if (prefix == "symbol-abi.shims" && !valid_shim(dotted, node))
        continue;
      if (prefix == "media.signify-keys" && !node.is_string()) {
        problem(node.source(),
                "wrong type for '{}': expected the base64 line of the release's signify public "
                "key, got {}",
                dotted, toml_type_name(node));
        continue;
      }
      if (prefix == "media.pinned" && !valid_pins(dotted, node))
        continue;
      settings.push_back(Setting{dotted, to_json(node), std::nullopt, at(key.source()), true});
    }
  }

  static bool is_string_array(const toml::node& node) {
    const toml::array* array = node.as_array();
    return array && std::all_of(array->begin(), array->end(),
                                [](const toml::node& n) { return n.is_string(); });
  }

  static bool valid_pin(const std::string& pin, std::string_view algorithm, std::size_t digits) {
    return pin.starts_with(algorithm) && pin.size() == algorithm.size() + digits &&
           pin.find_first_not_of("0123456789abcdef", algorithm.size()) == std::string::npos;
  }

  // A release's pins are { "file" = "algorithm:hex", ... }.
  bool valid_pins(const std::string& dotted, const toml::node& node) {
    const toml::table* pins = node.as_table();
    if (!pins) {
      problem(node.source(),
              "wrong type for '{}': expected a table {{ \"file\" = \"sha256:<hex>\" }}, got {}",
              dotted, toml_type_name(node));
      return false;
    }
    bool ok = true;
    for (auto&& [file, digest] : *pins) {
      const toml::value<std::string>* text = digest.as_string();
      std::string pin = text ? text->get() : "";
      if (!valid_pin(pin, "sha256:", 64) && !valid_pin(pin, "sha512:", 128)) {
        problem(digest.source(),
                "bad value for '{}.\"{}\"': expected \"sha256:<64 hex digits>\" or "
                "\"sha512:<128 hex digits>\", lower case",
                dotted, file.str());
        ok = false;
      }
    }
    return ok;
  }

  // A shim is { uses = ["fn", ...], why = "..." }: both given, nothing else.
  bool valid_shim(const std::string& dotted, const toml::node& node) {
    const toml::table* shim = node.as_table();
    if (!shim) {
      problem(node.source(),
              "wrong type for '{}': expected a table {{ uses = [...], why = \"...\" }}, "
              "got {}",
              dotted, toml_type_name(node));
      return false;
    }
    bool ok = true;
    for (auto&& [k, v] : *shim) {
      if (k.str() == "uses" ? !is_string_array(v) : k.str() == "why" ? !v.is_string() : true) {
        problem(k.source(),
                "'{}.{}': a shim has 'uses' (an array of the ABI's function names) "
                "and 'why' (a string), nothing else",
                dotted, k.str());
        ok = false;
      }
    }
    if (ok && (!shim->contains("uses") || !shim->contains("why"))) {
      problem(node.source(), "'{}': a shim needs both 'uses' and 'why'", dotted);
      ok = false;
    }
    return ok;
  }

  std::string path_;
  std::vector<Diagnostic>& problems_;
};

bool valid_target_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
  });
}

} // namespace

std::optional<ProfileFile> parse_profile_file(std::string_view path, std::string_view text,
                                              std::vector<Diagnostic>& problems) {
  toml::table table;
  try {
    table = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    problems.push_back({FieldOrigin{std::string(path), static_cast<int>(e.source().begin.line),
                                    static_cast<int>(e.source().begin.column)},
                        fmt::format("TOML syntax error: {}", e.description())});
    return std::nullopt;
  }

  FileReader reader(path, problems);
  ProfileFile file;
  file.path = path;
  std::size_t first_problem = problems.size();
  reader.read_table(table, "", file.settings);
  // toml++ iterates keys in name order; report in the order a reader meets them.
  std::stable_sort(problems.begin() + first_problem, problems.end(),
                   [](const Diagnostic& x, const Diagnostic& y) {
                     return std::pair(x.where.line, x.where.column) <
                            std::pair(y.where.line, y.where.column);
                   });

  auto find = [&](std::string_view key) {
    return std::find_if(file.settings.begin(), file.settings.end(),
                        [&](const Setting& s) { return s.key == key; });
  };
  auto name = find("name");
  if (name == file.settings.end()) {
    if (!table.contains("name"))
      problems.push_back({FieldOrigin{std::string(path), 1, 1},
                          "missing key 'name': every profile file names its target, e.g. name = "
                          "\"x86_64-unknown-myos\""});
    return std::nullopt;
  }
  file.name = name->value.get<std::string>();
  file.name_origin = name->origin;
  if (!valid_target_name(file.name))
    problems.push_back({name->origin, fmt::format("bad target name '{}': use letters, digits, "
                                                  "'-', '_' and '.' only",
                                                  file.name)});
  if (auto inherits = find("inherits"); inherits != file.settings.end()) {
    file.inherits = inherits->value.get<std::string>();
    file.inherits_origin = inherits->origin;
  }
  if (auto abstract = find("abstract"); abstract != file.settings.end())
    file.abstract = abstract->value.get<bool>();
  std::erase_if(file.settings,
                [](const Setting& s) { return s.key == "inherits" || s.key == "abstract"; });
  return file;
}

} // namespace xport::target
