// Library lookup inside a sysroot folder.
#include "elf/library_search.hpp"

#include <algorithm>
#include <system_error>

#include "util/text.hpp"

namespace xport::elf {
namespace fs = std::filesystem;

namespace {
constexpr int max_links = 40;

bool is_dir(const fs::path& path) {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

// "$ORIGIN/../lib" or "${ORIGIN}/lib" with the origin put in; nothing without an origin.
std::optional<std::string> expand_origin(std::string entry, const fs::path& origin) {
  for (std::string_view token : {"${ORIGIN}", "$ORIGIN"})
    for (std::size_t at; (at = entry.find(token)) != std::string::npos;) {
      if (origin.empty())
        return std::nullopt;
      entry.replace(at, token.size(), origin.string());
    }
  return entry;
}
} // namespace

std::string SearchDir::shown() const {
  return on_host() ? "/" + dir : dir;
}

LibrarySearch::LibrarySearch(SysrootPlaces sysroot, std::vector<fs::path> host_dirs,
                             std::map<std::string, fs::path, std::less<>> named_files)
    : sysroot_(std::move(sysroot)), named_(std::move(named_files)) {
  for (const fs::path& d : host_dirs)
    dirs_.push_back(
        {"/", std::string(util::trim(fs::absolute(d).lexically_normal().string(), "/"))});
  host_dir_count_ = dirs_.size();
  for (const std::string& d : sysroot_.library_dirs) {
    SearchDir dir{sysroot_.root, std::string(util::trim(d, "/"))};
    if (std::none_of(dirs_.begin(), dirs_.end(),
                     [&](const SearchDir& s) { return s.root == dir.root && s.dir == dir.dir; }))
      dirs_.push_back(std::move(dir));
  }
}

std::vector<SearchDir> LibrarySearch::run_path_dirs(const std::vector<std::string>& entries,
                                                    const fs::path& origin) const {
  std::vector<SearchDir> out;
  for (const std::string& raw : entries) {
    std::optional<std::string> entry = expand_origin(raw, origin);
    if (!entry)
      continue;
    if (raw.find("ORIGIN") != std::string::npos || !fs::path(*entry).is_absolute()) {
      // A folder of this machine: next to the file, or relative to where check runs.
      out.push_back(
          {"/", std::string(util::trim(fs::absolute(*entry).lexically_normal().string(), "/"))});
      continue;
    }
    std::string inside(util::trim(*entry, "/"));
    if (!sysroot_.runtime_root.empty())
      inside = sysroot_.runtime_root + "/" + inside;
    out.push_back({sysroot_.root, inside});
    if (is_dir(*entry)) // a build tree's folder, reached when the sysroot does not shadow it
      out.push_back(
          {"/", std::string(util::trim(fs::path(*entry).lexically_normal().string(), "/"))});
  }
  return out;
}

std::optional<fs::path> LibrarySearch::find(std::string_view needed,
                                            const std::vector<SearchDir>& first,
                                            const Accept& accept,
                                            std::vector<fs::path>* rejected) const {
  auto judge = [&](std::optional<fs::path> candidate) -> std::optional<fs::path> {
    if (!candidate)
      return std::nullopt;
    if (accept && !accept(*candidate)) {
      if (rejected)
        rejected->push_back(*candidate);
      return std::nullopt;
    }
    return candidate;
  };
  if (needed.find('/') != std::string_view::npos) {
    std::string inside(util::trim(needed, "/"));
    if (!sysroot_.runtime_root.empty())
      inside = sysroot_.runtime_root + "/" + inside;
    return judge(resolve_in_sysroot(sysroot_.root, inside));
  }
  auto look = [&](const SearchDir& d) {
    return judge(resolve_in_sysroot(d.root, fs::path(d.dir) / std::string(needed)));
  };
  for (const SearchDir& d : first)
    if (auto found = look(d))
      return found;
  for (std::size_t i = 0; i < host_dir_count_; ++i)
    if (auto found = look(dirs_[i]))
      return found;
  if (auto it = named_.find(needed); it != named_.end())
    if (auto found = judge(it->second))
      return found;
  for (std::size_t i = host_dir_count_; i < dirs_.size(); ++i)
    if (auto found = look(dirs_[i]))
      return found;
  return std::nullopt;
}

std::string LibrarySearch::searched(const std::vector<SearchDir>& first) const {
  std::string text;
  auto add = [&](const std::string& place) { text += (text.empty() ? "" : ", ") + place; };
  for (const SearchDir& d : first)
    add(d.shown());
  for (std::size_t i = 0; i < host_dir_count_; ++i)
    add(dirs_[i].shown());
  if (!named_.empty())
    add("the files named");
  for (std::size_t i = host_dir_count_; i < dirs_.size(); ++i)
    add(dirs_[i].shown());
  return text;
}

std::vector<std::string> split_search_path(std::string_view text) {
  std::vector<std::string_view> parts = util::split(text, ':', util::EmptyParts::skipped);
  return {parts.begin(), parts.end()};
}

std::optional<fs::path> resolve_in_sysroot(const fs::path& sysroot, const fs::path& relative) {
  std::vector<fs::path> parts(relative.begin(), relative.end());
  fs::path current; // relative to the sysroot, all links resolved
  int links = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const fs::path& part = parts[i];
    if (part == "." || part.empty())
      continue;
    if (part == "..") {
      current = current.has_parent_path() ? current.parent_path() : fs::path();
      continue;
    }
    fs::path candidate = current / part;
    std::error_code ec;
    fs::file_status st = fs::symlink_status(sysroot / candidate, ec);
    if (ec || !fs::exists(st))
      return std::nullopt;
    if (fs::is_symlink(st)) {
      if (++links > max_links)
        return std::nullopt;
      fs::path target = fs::read_symlink(sysroot / candidate, ec);
      if (ec)
        return std::nullopt;
      std::vector<fs::path> rest(parts.begin() + static_cast<std::ptrdiff_t>(i) + 1, parts.end());
      std::vector<fs::path> replaced;
      if (target.is_absolute())
        current.clear();
      for (const fs::path& t : target.relative_path())
        replaced.push_back(t);
      replaced.insert(replaced.end(), rest.begin(), rest.end());
      parts = replaced;
      i = static_cast<std::size_t>(-1);
      continue;
    }
    current = candidate;
  }
  std::error_code ec;
  if (!fs::is_regular_file(sysroot / current, ec))
    return std::nullopt;
  return sysroot / current;
}

} // namespace xport::elf
