// Finding, reading and indexing the crate check-rust compares.
#include "abi/rust_crate.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "rust/sysroot_build.hpp"
#include "target/toml.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace xport::abi {
namespace fs = std::filesystem;
namespace {

// "pub(crate) struct stat {" -> "struct stat {".
std::string_view without_visibility(std::string_view s) {
  s = util::trim_start(s, " \t");
  if (s.starts_with("pub(")) {
    std::size_t close = s.find(')');
    return close == std::string_view::npos ? s : util::trim_start(s.substr(close + 1), " \t");
  }
  if (s.starts_with("pub "))
    return util::trim_start(s.substr(4), " \t");
  return s;
}

std::string_view identifier_at(std::string_view s) {
  if (s.starts_with("r#"))
    s.remove_prefix(2);
  std::size_t end = 0;
  while (end < s.size() && (std::isalnum(static_cast<unsigned char>(s[end])) || s[end] == '_'))
    ++end;
  return s.substr(0, end);
}

void index_lines(CrateIndex& index, std::size_t file) {
  const std::vector<std::string>& lines = index.lines[file];
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view s = without_visibility(lines[i]);
    for (std::string_view keyword : {"struct ", "union ", "const "}) {
      if (!s.starts_with(keyword))
        continue;
      std::string name(identifier_at(util::trim_start(s.substr(keyword.size()), " \t")));
      if (!name.empty())
        index.definitions.emplace(name, CrateIndex::Line{file, i});
    }
  }
}

// The lines as strings of their own, to outlive `text`.
std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  for (std::string_view line : util::lines(text))
    out.emplace_back(line);
  return out;
}

} // namespace

RustCrate read_rust_crate(const fs::path& dir) {
  fs::path manifest = dir / "Cargo.toml";
  std::error_code ec;
  if (!fs::is_regular_file(manifest, ec))
    throw Error("{}: not a crate: there is no Cargo.toml in it; give the crate's folder (the one "
                "holding Cargo.toml and src/)",
                dir.string());
  rust::CrateSource source = rust::read_crate(dir);
  RustCrate crate;
  crate.dir = fs::absolute(dir);
  crate.package = source.name;
  crate.version = source.version;
  crate.edition = source.edition;
  toml::table table = toml::parse_file(manifest.string()); // read_crate parsed it already
  crate.lib_name = table["lib"]["name"].value_or(source.name);
  std::replace(crate.lib_name.begin(), crate.lib_name.end(), '-', '_');
  crate.lib_path = crate.dir / table["lib"]["path"].value_or(std::string("src/lib.rs"));
  if (!fs::is_regular_file(crate.lib_path, ec))
    throw Error("{}: the crate's library root {} does not exist; is this a library crate?",
                manifest.string(), crate.lib_path.string());
  return crate;
}

RustCrate vendored_libc(const rust::Toolchain& toolchain) {
  fs::path vendor = toolchain.library_source() / "vendor";
  std::optional<RustCrate> best;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(vendor, ec)) {
    if (!entry.path().filename().string().starts_with("libc-") ||
        !fs::exists(entry.path() / "Cargo.toml"))
      continue;
    RustCrate crate = read_rust_crate(entry.path());
    if (crate.package == "libc" && (!best || rust::older_version(best->version, crate.version)))
      best = crate;
  }
  if (!best)
    throw Error("{} vendors no libc crate (library/vendor/libc-*, as Rust's source tarball and "
                "Debian's rust-web-src have it) for {}; name a libc crate folder with --crate PATH "
                "(e.g. from `cargo vendor`)",
                vendor.string(), toolchain.describe());
  return *best;
}

std::string CrateIndex::place_of(const std::string& name, const std::string& field) const {
  auto it = definitions.find(name);
  if (it == definitions.end())
    return "";
  std::size_t line = it->second.line;
  const std::vector<std::string>& text = lines[it->second.file];
  std::string first = field.substr(0, field.find('.'));
  if (!first.empty()) {
    // The field's line inside the definition: up to the line that closes it.
    for (std::size_t i = line + 1; i < text.size(); ++i) {
      std::string_view s = without_visibility(text[i]);
      if (s.starts_with("}"))
        break;
      std::string_view id = identifier_at(s);
      if (id == first &&
          util::trim_start(s.substr(id.size() + (s.starts_with("r#") ? 2 : 0)), " \t")
              .starts_with(":")) {
        line = i;
        break;
      }
    }
  }
  return fmt::format("{}:{}", files[it->second.file], line + 1);
}

CrateNames names_of_rustdoc_json(const nlohmann::json& doc) {
  static const std::set<std::string> types = {"struct", "union", "enum", "type_alias", "typedef"};
  static const std::set<std::string> values = {"constant", "static"};
  CrateNames names;
  if (!doc.is_object() || !doc.contains("index") || !doc["index"].is_object())
    return names;
  for (const auto& [id, item] : doc["index"].items()) {
    if (!item.is_object() || !item.contains("name") || !item["name"].is_string())
      continue;
    std::string kind = item.value("kind", "");
    if (kind.empty() && item.contains("inner") && item["inner"].is_object() &&
        item["inner"].size() == 1)
      kind = item["inner"].begin().key();
    if (types.count(kind))
      names.types.emplace(item["name"].get<std::string>(), kind);
    else if (values.count(kind))
      names.values.insert(item["name"].get<std::string>());
  }
  return names;
}

std::optional<CrateNames> crate_names(const rust::Toolchain& toolchain, const RustCrate& crate,
                                      const std::vector<std::string>& args, const fs::path& out_dir,
                                      const util::Environment& env, std::string& why) {
  fs::path rustdoc = toolchain.rustc.parent_path() / "rustdoc";
  std::error_code ec;
  if (!fs::exists(rustdoc, ec)) {
    why = fmt::format("no rustdoc beside {}", toolchain.rustc.string());
    return std::nullopt;
  }
  std::vector<std::string> argv = {rustdoc.string(),        "-Z",        "unstable-options",
                                   "--output-format",       "json",      "--crate-name",
                                   crate.lib_name,          "--edition", crate.edition,
                                   crate.lib_path.string(), "-o",        out_dir.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  util::RunOptions options;
  options.env = toolchain.unstable_environment(env);
  auto done = util::run_capture(argv, options);
  fs::path output = out_dir / (crate.lib_name + ".json");
  if (!done || !done->ok() || !fs::exists(output, ec)) {
    why = fmt::format("`{}` failed: {}", util::shell_join(argv),
                      done ? done->err.substr(0, 2000) : done.error());
    return std::nullopt;
  }
  nlohmann::json doc = nlohmann::json::parse(util::read_file(output), nullptr, false);
  CrateNames names = names_of_rustdoc_json(doc);
  if (names.types.empty() && names.values.empty()) {
    why = fmt::format("{}: rustdoc's JSON lists no item (a format xport does not know?)",
                      output.string());
    return std::nullopt;
  }
  return names;
}

CrateIndex index_text(const std::string& file, const std::string& text) {
  CrateIndex index;
  index.files.push_back(file);
  index.lines.push_back(split_lines(text));
  index_lines(index, 0);
  return index;
}

CrateIndex index_crate(const RustCrate& crate, const fs::path& dep_info) {
  CrateIndex index;
  std::error_code ec;
  if (!fs::exists(dep_info, ec))
    return index;
  // Make's format: the dependencies are also listed one per line as "path:" (phony targets).
  for (const std::string& line : split_lines(util::read_file(dep_info))) {
    if (line.empty() || line.back() != ':' || line.find(": ") != std::string::npos)
      continue;
    fs::path file = line.substr(0, line.size() - 1);
    if (file.extension() != ".rs" || !fs::is_regular_file(file, ec))
      continue;
    fs::path shown = file.lexically_relative(crate.dir);
    index.files.push_back(shown.empty() || shown.string().starts_with("..") ? file.string()
                                                                            : shown.string());
    index.lines.push_back(split_lines(util::read_file(file)));
    index_lines(index, index.files.size() - 1);
  }
  return index;
}

} // namespace xport::abi
