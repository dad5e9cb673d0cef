// Reading a symbol-ABI tree out of a medium, folder or archive, in one pass (see symbol_abi.hpp).
// Apart from symbol_abi.cpp because it reads media through libarchive, which the light front
// binary must not load: static linking pulls whole object files.
#include <algorithm>
#include <cstring>
#include <fstream>

#include <fmt/format.h>

#include "sysroot/symbol_abi.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace xport::sysroot {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view marker = "repos/base/lib/symbols/ld";
constexpr uint64_t max_file_size = 8u << 20;    // a symbol file is a few hundred KB at most
constexpr uint64_t max_total_size = 128u << 20; // what one tree may bring in all

std::vector<std::string> components(std::string_view name) {
  std::vector<std::string_view> parts = util::split(name, '/', util::EmptyParts::skipped);
  std::erase(parts, ".");
  return {parts.begin(), parts.end()};
}

// A component that names nothing outside its folder: no "..", no NUL, a plain name.
bool plain_component(std::string_view c) {
  return !c.empty() && c != ".." && c.find('\0') == std::string_view::npos &&
         std::all_of(c.begin(), c.end(), [](char ch) {
           return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                  (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' || ch == '.' || ch == '+';
         });
}

std::string join(const std::vector<std::string>& parts, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    if (!out.empty())
      out += '/';
    out += parts[i];
  }
  return out;
}

// What a member is to the tree, and the tree path it has below its prefix.
struct Candidate {
  enum Kind { symbols, recipe, identity } kind;
  std::string prefix;
  std::string path; // relative to the prefix
  std::string data;
};

// The tree path of `parts` when it ends in one of the wanted shapes, with the prefix before it.
std::optional<Candidate> classify(const std::vector<std::string>& parts,
                                  const std::vector<std::string>& recipe) {
  std::size_t n = parts.size();
  if (!std::all_of(parts.begin(), parts.end(), plain_component))
    return std::nullopt;
  if (n >= 5 && parts[n - 5] == "repos" && parts[n - 3] == "lib" && parts[n - 2] == "symbols")
    return Candidate{Candidate::symbols, join(parts, 0, n - 5), join(parts, n - 5, n), {}};
  for (const std::string& r : recipe) {
    std::vector<std::string> want = components(r);
    if (want.empty() || n < want.size() ||
        !std::equal(want.begin(), want.end(), parts.end() - want.size()))
      continue;
    return Candidate{Candidate::recipe, join(parts, 0, n - want.size()), r, {}};
  }
  if (n >= 1 && parts[n - 1] == "VERSION")
    return Candidate{Candidate::identity, join(parts, 0, n - 1), "VERSION", {}};
  if (n >= 3 && parts[n - 3] == "doc" && parts[n - 2] == "release_notes")
    return Candidate{Candidate::identity, join(parts, 0, n - 3), join(parts, n - 3, n), {}};
  if (n >= 2 && parts[n - 2] == ".git" && (parts[n - 1] == "HEAD" || parts[n - 1] == "packed-refs"))
    return Candidate{Candidate::identity, join(parts, 0, n - 2), join(parts, n - 2, n), {}};
  if (n >= 4 && parts[n - 4] == ".git" && parts[n - 3] == "refs" && parts[n - 2] == "heads")
    return Candidate{Candidate::identity, join(parts, 0, n - 4), join(parts, n - 4, n), {}};
  return std::nullopt;
}

std::string read_all(MemberData& data, const Member& member, uint64_t& total,
                     const MediumSource& medium) {
  if (member.size > max_file_size)
    throw Error("medium '{}': member '{}' is {} bytes, more than a symbol or recipe file can be "
                "({} bytes); is this a {} tree?",
                medium.display, member.name, member.size, max_file_size, "Genode");
  total += member.size;
  if (total > max_total_size)
    throw Error("medium '{}': its symbol and recipe files pass {} bytes in all at '{}'; a tree's "
                "ABI is a few MB: give the tree's own folder or archive",
                medium.display, max_total_size, member.name);
  std::string out;
  out.reserve(member.size);
  const void* block = nullptr;
  std::size_t size = 0;
  uint64_t offset = 0;
  while (data.next_block(block, size, offset)) {
    if (offset > out.size())
      out.resize(offset, '\0');
    out.append(static_cast<const char*>(block), size);
    if (out.size() > member.size)
      throw Error("medium '{}': member '{}' has more data than its declared {} bytes",
                  medium.display, member.name, member.size);
  }
  return out;
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
    text.pop_back();
  return text;
}

bool is_hex_commit(std::string_view s) {
  return s.size() >= 40 && std::all_of(s.begin(), s.begin() + 40, [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

TreeIdentity identity_of(const std::map<std::string, std::string>& files) {
  TreeIdentity id;
  if (auto head = files.find(".git/HEAD"); head != files.end()) {
    std::string text = trimmed(head->second);
    if (is_hex_commit(text))
      id.commit = text.substr(0, 40);
    else if (text.starts_with("ref: ")) {
      std::string ref = text.substr(5);
      if (auto loose = files.find(".git/" + ref); loose != files.end())
        id.commit = trimmed(loose->second).substr(0, 40);
      else if (auto packed = files.find(".git/packed-refs"); packed != files.end()) {
        std::size_t at = packed->second.find(" " + ref + "\n");
        if (at != std::string::npos && at >= 40)
          id.commit = packed->second.substr(at - 40, 40);
      }
    }
    if (!is_hex_commit(id.commit))
      id.commit.clear();
  }
  if (auto version = files.find("VERSION"); version != files.end())
    id.version = trimmed(version->second);
  for (const auto& [path, data] : files) {
    if (!path.starts_with("doc/release_notes/"))
      continue;
    std::string name = path.substr(18);
    if (name.size() == 9 && name.ends_with(".txt") && name[2] == '-') {
      std::string release = name.substr(0, 2) + "." + name.substr(3, 2);
      id.newest_release_notes = std::max(id.newest_release_notes, release);
    }
  }
  return id;
}

} // namespace

std::optional<StagedTree> stage_symbol_abi_tree(const MediumSource& medium,
                                                const target::SymbolAbi& abi,
                                                const fs::path& staging) {
  std::vector<std::string> recipe;
  for (const std::string* r : {&abi.link_script, &abi.dynamic_list, &abi.stub_script})
    if (!r->empty())
      recipe.push_back(*r);
  std::vector<Candidate> found;
  std::vector<std::string> markers;
  uint64_t total = 0;
  read_medium(medium, [&](const Member& member, MemberData& data) {
    if (member.kind != MemberKind::file)
      return;
    std::optional<Candidate> c = classify(components(member.name), recipe);
    if (!c)
      return;
    if (c->kind == Candidate::symbols && c->path == marker)
      markers.push_back(c->prefix);
    if (!(c->kind == Candidate::identity && c->path.starts_with("doc/")))
      c->data = read_all(data, member, total, medium);
    found.push_back(std::move(*c));
  });
  if (markers.empty())
    return std::nullopt;
  std::sort(markers.begin(), markers.end(),
            [](const std::string& a, const std::string& b) { return a.size() < b.size(); });
  StagedTree tree;
  tree.prefix = markers.front();
  std::map<std::string, std::string> identity_files;
  fs::path root = staging / symbol_abi_dir / "tree";
  for (Candidate& c : found) {
    if (c.prefix != tree.prefix)
      continue;
    if (c.kind == Candidate::identity) {
      identity_files[c.path] = std::move(c.data);
      continue;
    }
    std::string shown = tree.prefix.empty() ? c.path : tree.prefix + "/" + c.path;
    if (c.kind == Candidate::symbols) {
      parse_symbol_file(c.data, fmt::format("medium '{}': {}", medium.display, shown));
      std::string lib = fs::path(c.path).filename().string();
      auto [at, inserted] = tree.libraries.emplace(lib, c.path);
      if (!inserted) {
        // Genode's build takes the first repository that has it; repos sort the same way here.
        tree.duplicates.push_back(
            fmt::format("{}: {} and {} (the first is used)", lib, at->second, c.path));
        if (c.path < at->second)
          at->second = c.path;
      }
    } else {
      tree.recipe.push_back(c.path);
    }
    fs::create_directories((root / c.path).parent_path());
    std::ofstream out(root / c.path, std::ios::binary);
    out.write(c.data.data(), static_cast<std::streamsize>(c.data.size()));
    if (!out)
      throw Error("cannot write {}: {}", (root / c.path).string(), std::strerror(errno));
  }
  for (const std::string& r : recipe)
    if (std::find(tree.recipe.begin(), tree.recipe.end(), r) == tree.recipe.end())
      throw Error("medium '{}': the tree at '{}' has no {}, which the profile's [symbol-abi] "
                  "names; is it a complete {} tree?",
                  medium.display, tree.prefix.empty() ? "." : tree.prefix, r, abi.format);
  tree.identity = identity_of(identity_files);
  return tree;
}

} // namespace xport::sysroot
