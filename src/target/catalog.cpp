// Loading the catalog. User files (search path, --profile, texts) are few and their names are known
// only once parsed, so they are parsed and checked at load: duplicate names (also against the
// built-in names), unknown bases, inheritance cycles, required facts of usable targets, all
// problems thrown together. Built-in files are named after their target (targets/<name>.toml), so
// their names are known without parsing; each is parsed on first use, and resolving one target
// parses only its inheritance chain. Commands that need every profile (names()) parse and check the
// rest. Resolution merges a chain with merge.cpp.
#include "target/catalog.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "target/builtin_files.hpp"
#include "target/merge.hpp"
#include "target/platform.hpp"
#include "target/profile_sources.hpp"
#include "util/suggest.hpp"

namespace xport::target {

namespace {

// A built-in file must define the target its file name promises: names are taken from file names
// so that a chain can be resolved without parsing the rest of the catalog.
std::optional<ProfileFile> parse_builtin(const BuiltinFile& source,
                                         std::vector<Diagnostic>& problems) {
  std::optional<ProfileFile> file = parse_profile_file(source.path, source.contents, problems);
  if (file && file->name != builtin_name(source))
    problems.push_back(
        {file->name_origin,
         fmt::format("built-in file defines '{}' but is named after '{}'; a built-in file must be "
                     "named after its target (rename it to targets/{}.toml)",
                     file->name, builtin_name(source), file->name)});
  return file;
}

} // namespace

struct Catalog::Data {
  struct Builtin {
    BuiltinFile source;
    bool parsed = false;
    std::optional<ProfileFile> file; // empty until parsed, or when it cannot be parsed
  };
  struct Slot {
    bool builtin;
    std::size_t index; // into builtins or user
  };

  mutable std::vector<Builtin> builtins;
  std::vector<ProfileFile> user;
  std::map<std::string, Slot, std::less<>> by_name;
  // Problems of built-in files parsed so far: a catalog bug, reported by whatever parsed them.
  mutable std::vector<Diagnostic> builtin_problems;
  mutable bool all_checked = false;

  const ProfileFile* file(Slot slot) const {
    if (!slot.builtin)
      return &user[slot.index];
    Builtin& b = builtins[slot.index];
    if (!b.parsed) {
      b.parsed = true;
      b.file = parse_builtin(b.source, builtin_problems);
    }
    return b.file ? &*b.file : nullptr;
  }

  const ProfileFile* find(std::string_view name) const {
    auto it = by_name.find(name);
    return it == by_name.end() ? nullptr : file(it->second);
  }

  bool has(std::string_view name) const { return by_name.find(name) != by_name.end(); }

  std::string path_of(Slot slot) const {
    return slot.builtin ? std::string(builtins[slot.index].source.path) : user[slot.index].path;
  }

  std::vector<std::string> all_names() const {
    std::vector<std::string> out;
    for (const auto& [name, slot] : by_name)
      out.push_back(name);
    return out;
  }

  // The chain from `name` up to its root, the profile itself first. Stops at an unknown base or a
  // repeat (reported by the load checks).
  std::vector<const ProfileFile*> chain(const ProfileFile& start) const {
    std::vector<const ProfileFile*> out = {&start};
    const ProfileFile* current = &start;
    while (current->inherits) {
      const ProfileFile* base = find(*current->inherits);
      if (!base || std::find(out.begin(), out.end(), base) != out.end())
        break;
      out.push_back(base);
      current = base;
    }
    return out;
  }

  void throw_builtin_problems() const {
    if (!builtin_problems.empty())
      throw ProfileError(builtin_problems);
  }
};

namespace {

using Data = Catalog::Data;

// Keys every usable (non-abstract) target must end up with.
constexpr std::string_view required_keys[] = {"llvm-triple", "arch", "os"};

void add_builtins(Data& data) {
  for (const BuiltinFile& source : builtin_files()) {
    data.by_name.emplace(std::string(builtin_name(source)), Data::Slot{true, data.builtins.size()});
    data.builtins.push_back({source, false, std::nullopt});
  }
}

// Registers each user file under its name; a name already taken (by a built-in file name or an
// earlier user file) is a problem that cites the first definition.
void add_user_names(Data& data, std::vector<Diagnostic>& problems) {
  for (std::size_t i = 0; i < data.user.size(); ++i) {
    const ProfileFile& file = data.user[i];
    auto [it, inserted] = data.by_name.emplace(file.name, Data::Slot{false, i});
    if (inserted)
      continue;
    std::string first = data.path_of(it->second);
    if (const ProfileFile* parsed = data.file(it->second)) // a built-in is parsed only here
      first = fmt::format("{}:{}:{}", first, parsed->name_origin.line, parsed->name_origin.column);
    problems.push_back(
        {file.name_origin,
         fmt::format("duplicate target '{}': also defined in {}; a name may be defined in one file "
                     "only (rename one, or inherit from it)",
                     file.name, first)});
  }
}

void check_bases(const Data& data, const std::vector<const ProfileFile*>& files,
                 std::vector<Diagnostic>& problems) {
  std::vector<std::string> names = data.all_names();
  for (const ProfileFile* file : files)
    if (file->inherits && !data.has(*file->inherits))
      problems.push_back(
          {file->inherits_origin,
           fmt::format("unknown base '{}' in 'inherits'{}; see 'xport target list'",
                       *file->inherits, util::did_you_mean(*file->inherits, names))});
}

void check_cycles(const Data& data, const std::vector<const ProfileFile*>& files,
                  std::vector<Diagnostic>& problems) {
  std::set<std::string> reported;
  for (const ProfileFile* file : files) {
    std::vector<std::string> path = {file->name};
    const ProfileFile* current = file;
    while (current->inherits) {
      const ProfileFile* base = data.find(*current->inherits);
      if (!base)
        break;
      auto seen = std::find(path.begin(), path.end(), base->name);
      if (seen != path.end()) {
        std::vector<std::string> cycle(seen, path.end());
        // Report each cycle once, from its alphabetically first member.
        auto first = std::min_element(cycle.begin(), cycle.end());
        std::rotate(cycle.begin(), first, cycle.end());
        if (reported.insert(cycle.front()).second) {
          std::vector<std::string> steps;
          for (const std::string& member : cycle)
            steps.push_back(fmt::format("{} ({})", member, data.find(member)->path));
          steps.push_back(cycle.front());
          const ProfileFile& at = *data.find(cycle.front());
          problems.push_back(
              {at.inherits_origin, fmt::format("inheritance cycle: {}; break it by changing one "
                                               "'inherits'",
                                               fmt::join(steps, " -> "))});
        }
        break;
      }
      path.push_back(base->name);
      current = base;
    }
  }
}

bool chain_is_sound(const Data& data, const ProfileFile& file) {
  std::set<const ProfileFile*> seen;
  for (const ProfileFile* current = &file; current->inherits;) {
    if (!seen.insert(current).second)
      return false;
    current = data.find(*current->inherits);
    if (!current)
      return false;
  }
  return true;
}

void check_required(const Data& data, const std::vector<const ProfileFile*>& files,
                    std::vector<Diagnostic>& problems) {
  for (const ProfileFile* file : files) {
    if (file->abstract || !chain_is_sound(data, *file))
      continue;
    std::vector<const ProfileFile*> chain = data.chain(*file);
    std::reverse(chain.begin(), chain.end());
    ResolvedProfile resolved = merge_chain(chain);
    for (std::string_view key : required_keys)
      if (!resolved.fields.contains(std::string(key)))
        problems.push_back(
            {file->name_origin,
             fmt::format("target '{}' does not set '{}', nor does any profile it inherits; set it, "
                         "or mark the profile 'abstract = true'",
                         file->name, key)});
  }
}

void check_files(const Data& data, const std::vector<const ProfileFile*>& files,
                 std::vector<Diagnostic>& problems) {
  check_bases(data, files, problems);
  check_cycles(data, files, problems);
  check_required(data, files, problems);
}

// The files that own their name (a duplicate is reported once, at its name), by name.
std::vector<const ProfileFile*> named_files(const Data& data, bool builtin) {
  std::vector<const ProfileFile*> out;
  for (const auto& [name, slot] : data.by_name)
    if (slot.builtin == builtin)
      if (const ProfileFile* file = data.file(slot))
        out.push_back(file);
  return out;
}

// Problems in load order of their files, then by line and column, as a reader goes through them.
void sort_by_place(std::vector<Diagnostic>& problems, const std::vector<std::string>& paths) {
  std::map<std::string, std::size_t> order;
  for (std::size_t i = 0; i < paths.size(); ++i)
    order.emplace(paths[i], i);
  auto rank = [&](const Diagnostic& d) {
    auto it = order.find(d.where.file);
    return std::tuple(it == order.end() ? 0 : it->second + 1, d.where.line, d.where.column);
  };
  std::stable_sort(problems.begin(), problems.end(),
                   [&](const Diagnostic& x, const Diagnostic& y) { return rank(x) < rank(y); });
}

std::vector<std::string> builtin_paths(const Data& data) {
  std::vector<std::string> out;
  for (const Data::Builtin& b : data.builtins)
    out.emplace_back(b.source.path);
  return out;
}

// Parses the built-in files no resolution has needed yet and checks them all (once).
void check_everything(const Data& data) {
  if (data.all_checked)
    return;
  std::vector<Diagnostic> problems;
  check_files(data, named_files(data, /*builtin=*/true), problems);
  problems.insert(problems.begin(), data.builtin_problems.begin(), data.builtin_problems.end());
  if (!problems.empty()) {
    sort_by_place(problems, builtin_paths(data));
    throw ProfileError(std::move(problems));
  }
  data.all_checked = true;
}

} // namespace

Catalog::Catalog(std::shared_ptr<const Data> data) : data_(std::move(data)) {}

Catalog Catalog::load(const SearchOptions& options) {
  std::vector<Diagnostic> problems;
  auto data = std::make_shared<Data>();
  if (options.builtins)
    add_builtins(*data);
  std::vector<SourceFile> sources = gather_sources(options, problems);
  for (SourceFile& source : sources)
    if (auto file = parse_profile_file(source.path, source.text, problems))
      data->user.push_back(std::move(*file));
  add_user_names(*data, problems);
  check_files(*data, named_files(*data, /*builtin=*/false), problems);
  problems.insert(problems.end(), data->builtin_problems.begin(), data->builtin_problems.end());
  std::vector<std::string> paths = builtin_paths(*data);
  for (const SourceFile& source : sources)
    paths.push_back(source.path);
  sort_by_place(problems, paths);
  if (!problems.empty())
    throw ProfileError(std::move(problems));
  return Catalog(std::move(data));
}

std::string Catalog::catalog_name(std::string_view name) const {
  if (data_->has(name))
    return std::string(name);
  std::string ours = spelling_of_rustc_name(name);
  return !ours.empty() && data_->has(ours) ? ours : std::string();
}

ResolvedProfile Catalog::resolve(std::string_view given) const {
  std::string ours = catalog_name(given);
  std::string_view name = ours.empty() ? given : std::string_view(ours);
  if (!data_->has(name)) {
    std::vector<std::string> names = data_->all_names();
    throw UnknownTarget(fmt::format("unknown target '{}'{}; see 'xport target list'", name,
                                    util::did_you_mean(name, names)));
  }
  const ProfileFile* file = data_->find(name);
  std::vector<const ProfileFile*> chain;
  if (file)
    chain = data_->chain(*file);
  data_->throw_builtin_problems();
  std::reverse(chain.begin(), chain.end());
  return merge_chain(chain);
}

std::vector<std::string> Catalog::names(bool include_abstract) const {
  check_everything(*data_);
  std::vector<std::string> out;
  for (const auto& [name, slot] : data_->by_name)
    if (include_abstract || !data_->file(slot)->abstract)
      out.push_back(name);
  return out;
}

bool Catalog::contains(std::string_view name) const {
  return !catalog_name(name).empty();
}

std::string Catalog::file_of(std::string_view name) const {
  auto it = data_->by_name.find(name);
  return it == data_->by_name.end() ? std::string() : data_->path_of(it->second);
}

} // namespace xport::target
