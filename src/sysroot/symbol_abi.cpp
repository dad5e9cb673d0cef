// Reading a symbol-ABI tree out of a medium, parsing symbol files, and the layer's layout (see
// symbol_abi.hpp). Genode's format: repos/base/mk/abi.mk turns each line of a symbol file into an
// assembler directive; the same letters are read here.
#include "sysroot/symbol_abi.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/json_text.hpp"
#include "util/text.hpp"

namespace xport::sysroot {
namespace {

namespace fs = std::filesystem;

} // namespace

std::vector<AbiSymbol> parse_symbol_file(std::string_view text, const std::string& origin) {
  std::vector<AbiSymbol> out;
  int line_number = 0;
  for (std::string_view line : util::lines(text)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    std::vector<std::string_view> words = util::words(line, " \t");
    if (words.empty() || words[0].starts_with('#'))
      continue;
    auto wrong = [&](std::string_view what) {
      return Error("{}:{}: {}: '{}'; a symbol line is 'name T|W|U|V' or 'name D|B|R size'", origin,
                   line_number, what, line);
    };
    if (words.size() < 2 || words[1].size() != 1 ||
        std::string_view("TWDBRUV").find(words[1][0]) == std::string_view::npos)
      throw wrong("expected a name and one of the types T W D B R U V");
    // A name goes into an assembler file as it is: only what a C or C++ symbol can hold, so a
    // hostile file can inject no directive (.incbin would read a file of this machine).
    if (!std::all_of(words[0].begin(), words[0].end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '_' || c == '.' || c == '$';
        }))
      throw wrong("a symbol name holds only letters, digits, '_', '.' and '$'");
    AbiSymbol s{std::string(words[0]), words[1][0], 0, line_number};
    bool sized = s.type == 'D' || s.type == 'B' || s.type == 'R';
    if (sized) {
      if (words.size() != 3)
        throw wrong(fmt::format("type {} needs the object's size", s.type));
      auto [ptr, ec] = std::from_chars(words[2].data(), words[2].data() + words[2].size(), s.size);
      if (ec != std::errc() || ptr != words[2].data() + words[2].size())
        throw wrong("the size is not a decimal number");
    } else if (words.size() != 2) {
      throw wrong(fmt::format("type {} takes no size", s.type));
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::string TreeIdentity::text() const {
  if (!commit.empty())
    return "commit " + commit;
  if (!version.empty())
    return "version " + version;
  if (!newest_release_notes.empty())
    return fmt::format("release {} or later", newest_release_notes);
  return "unknown (no .git, VERSION or release notes)";
}

std::string TreeIdentity::explained() const {
  return commit.empty() && version.empty() && !newest_release_notes.empty()
             ? text() + " (by its newest release notes: no .git or VERSION)"
             : text();
}

void write_empty_archives(const fs::path& folder, const std::vector<std::string>& names) {
  fs::create_directories(folder);
  for (const std::string& name : names) {
    fs::path file = folder / ("lib" + name + ".a");
    std::ofstream out(file, std::ios::binary);
    out << "!<arch>\n";
    if (!out)
      throw Error("cannot write {}: {}", file.string(), std::strerror(errno));
  }
}

void write_layer_file(const fs::path& staging, const std::string& format, const std::string& source,
                      const StagedTree& tree) {
  nlohmann::json j = {{"format", format},
                      {"source", source},
                      {"prefix", tree.prefix},
                      {"tree",
                       {{"commit", tree.identity.commit},
                        {"version", tree.identity.version},
                        {"newest_release_notes", tree.identity.newest_release_notes}}},
                      {"libraries", tree.libraries},
                      {"recipe", tree.recipe},
                      {"duplicates", tree.duplicates}};
  util::write_file_atomically(staging / symbol_abi_dir / "layer.json", util::json_text(j) + "\n");
}

std::optional<SymbolAbiLayer> read_symbol_abi_layer(const fs::path& root) {
  fs::path file = root / symbol_abi_dir / "layer.json";
  std::error_code ec;
  if (!fs::exists(file, ec))
    return std::nullopt;
  try {
    nlohmann::json j = nlohmann::json::parse(util::read_file(file));
    SymbolAbiLayer layer;
    layer.dir = root / symbol_abi_dir;
    layer.format = j.at("format").get<std::string>();
    layer.source = j.at("source").get<std::string>();
    const nlohmann::json& tree = j.at("tree");
    layer.identity.commit = tree.at("commit").get<std::string>();
    layer.identity.version = tree.at("version").get<std::string>();
    layer.identity.newest_release_notes = tree.at("newest_release_notes").get<std::string>();
    layer.libraries = j.at("libraries").get<std::map<std::string, std::string>>();
    return layer;
  } catch (const nlohmann::json::exception& e) {
    throw Error("{}: not a symbol-ABI layer description ({}); add the tree again with 'xport "
                "sysroot add NAME TREE'",
                file.string(), e.what());
  }
}

std::vector<std::string> api_libraries(const target::SymbolAbi& abi,
                                       const std::vector<std::string>& apis) {
  std::vector<std::string> out;
  auto add = [&](const std::string& lib) {
    if (std::find(out.begin(), out.end(), lib) == out.end())
      out.push_back(lib);
  };
  for (const std::string& api : apis) {
    auto it = abi.api_libraries.find(api);
    if (it == abi.api_libraries.end())
      add(api);
    else
      for (const std::string& lib : it->second)
        add(lib);
  }
  return out;
}

std::vector<std::string> apis_in_use(const target::SymbolAbi& abi, const char* from_environment) {
  if (!from_environment || !*from_environment)
    return abi.apis;
  std::vector<std::string> out;
  std::string_view rest(from_environment);
  while (!rest.empty()) {
    std::size_t end = rest.find_first_of(", ");
    std::string_view word = rest.substr(0, end);
    // Goa's used_apis spell them "genodelabs/api/libc": the last component is the API.
    if (auto slash = word.rfind('/'); slash != std::string_view::npos)
      word.remove_prefix(slash + 1);
    if (!word.empty())
      out.emplace_back(word);
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
  }
  return out;
}

} // namespace xport::sysroot
