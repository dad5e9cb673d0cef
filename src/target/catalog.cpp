// Loading the catalog: every file parsed (profile_file.cpp), then the checks that span files:
// duplicate names, unknown bases, inheritance cycles, and required facts of usable targets. All
// problems are thrown together. Resolution merges a chain with merge.cpp.
#include "target/catalog.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "target/merge.hpp"
#include "target/profile_sources.hpp"
#include "util/suggest.hpp"

namespace xport::target {

struct Catalog::Data {
  std::vector<ProfileFile> files;
  std::map<std::string, std::size_t, std::less<>> by_name;

  const ProfileFile* find(std::string_view name) const {
    auto it = by_name.find(name);
    return it == by_name.end() ? nullptr : &files[it->second];
  }

  std::vector<std::string> all_names() const {
    std::vector<std::string> out;
    for (const auto& [name, index] : by_name)
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
};

namespace {

// Keys every usable (non-abstract) target must end up with.
constexpr std::string_view required_keys[] = {"llvm-triple", "arch", "os"};

void check_duplicates(const std::vector<ProfileFile>& files, Catalog::Data& data,
                      std::vector<Diagnostic>& problems) {
  for (std::size_t i = 0; i < files.size(); ++i) {
    auto [it, inserted] = data.by_name.emplace(files[i].name, i);
    if (inserted)
      continue;
    const ProfileFile& first = files[it->second];
    problems.push_back(
        {files[i].name_origin,
         fmt::format(
             "duplicate target '{}': also defined in {}:{}:{}; a name may be defined in one "
             "file only (rename one, or inherit from it)",
             files[i].name, first.path, first.name_origin.line, first.name_origin.column)});
  }
}

void check_bases(const Catalog::Data& data, std::vector<Diagnostic>& problems) {
  std::vector<std::string> names = data.all_names();
  for (const auto& [name, index] : data.by_name) {
    const ProfileFile& file = data.files[index];
    if (file.inherits && !data.find(*file.inherits))
      problems.push_back({file.inherits_origin,
                          fmt::format("unknown base '{}' in 'inherits'{}; see 'xport target list'",
                                      *file.inherits, util::did_you_mean(*file.inherits, names))});
  }
}

void check_cycles(const Catalog::Data& data, std::vector<Diagnostic>& problems) {
  std::set<std::string> reported;
  for (const auto& [name, index] : data.by_name) {
    std::vector<std::string> path = {name};
    const ProfileFile* current = &data.files[index];
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

bool chain_is_sound(const Catalog::Data& data, const ProfileFile& file) {
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

void check_required(const Catalog::Data& data, std::vector<Diagnostic>& problems) {
  for (const auto& [name, index] : data.by_name) {
    const ProfileFile& file = data.files[index];
    if (file.abstract || !chain_is_sound(data, file))
      continue;
    std::vector<const ProfileFile*> chain = data.chain(file);
    std::reverse(chain.begin(), chain.end());
    ResolvedProfile resolved = merge_chain(chain);
    for (std::string_view key : required_keys)
      if (!resolved.fields.contains(std::string(key)))
        problems.push_back(
            {file.name_origin,
             fmt::format("target '{}' does not set '{}', nor does any profile it inherits; set it, "
                         "or mark the profile 'abstract = true'",
                         name, key)});
  }
}

// Problems in load order of their files, then by line and column, as a reader goes through them.
void sort_by_place(std::vector<Diagnostic>& problems, const std::vector<SourceFile>& sources) {
  std::map<std::string, std::size_t> order;
  for (std::size_t i = 0; i < sources.size(); ++i)
    order.emplace(sources[i].path, i);
  auto rank = [&](const Diagnostic& d) {
    auto it = order.find(d.where.file);
    return std::tuple(it == order.end() ? 0 : it->second + 1, d.where.line, d.where.column);
  };
  std::stable_sort(problems.begin(), problems.end(),
                   [&](const Diagnostic& x, const Diagnostic& y) { return rank(x) < rank(y); });
}

} // namespace

Catalog::Catalog(std::shared_ptr<const Data> data) : data_(std::move(data)) {}

Catalog Catalog::load(const SearchOptions& options) {
  std::vector<Diagnostic> problems;
  auto data = std::make_shared<Data>();
  std::vector<SourceFile> sources = gather_sources(options, problems);
  for (SourceFile& source : sources)
    if (auto file = parse_profile_file(source.path, source.text, problems))
      data->files.push_back(std::move(*file));
  check_duplicates(data->files, *data, problems);
  check_bases(*data, problems);
  check_cycles(*data, problems);
  check_required(*data, problems);
  sort_by_place(problems, sources);
  if (!problems.empty())
    throw ProfileError(std::move(problems));
  return Catalog(std::move(data));
}

ResolvedProfile Catalog::resolve(std::string_view name) const {
  const ProfileFile* file = data_->find(name);
  if (!file) {
    std::vector<std::string> names = data_->all_names();
    throw UnknownTarget(fmt::format("unknown target '{}'{}; see 'xport target list'", name,
                                    util::did_you_mean(name, names)));
  }
  std::vector<const ProfileFile*> chain = data_->chain(*file);
  std::reverse(chain.begin(), chain.end());
  return merge_chain(chain);
}

std::vector<std::string> Catalog::names(bool include_abstract) const {
  std::vector<std::string> out;
  for (const auto& [name, index] : data_->by_name)
    if (include_abstract || !data_->files[index].abstract)
      out.push_back(name);
  return out;
}

bool Catalog::contains(std::string_view name) const {
  return data_->find(name) != nullptr;
}

std::string Catalog::file_of(std::string_view name) const {
  const ProfileFile* file = data_->find(name);
  return file ? file->path : std::string();
}

} // namespace xport::target
