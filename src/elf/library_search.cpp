// Library lookup inside a sysroot folder.
#include "elf/library_search.hpp"

#include <algorithm>
#include <system_error>

namespace xport::elf {
namespace fs = std::filesystem;

namespace {
constexpr const char* standard_dirs[] = {"lib", "usr/lib", "usr/local/lib"};
constexpr int max_links = 40;

std::string clean(std::string_view dir) {
  std::string d(dir);
  while (!d.empty() && d.front() == '/')
    d.erase(d.begin());
  while (!d.empty() && d.back() == '/')
    d.pop_back();
  return d;
}
} // namespace

LibrarySearch::LibrarySearch(fs::path sysroot, const std::vector<std::string>& profile_dirs)
    : sysroot_(std::move(sysroot)) {
  for (const std::string& d : profile_dirs)
    dirs_.push_back(clean(d));
  for (const char* d : standard_dirs)
    if (std::find(dirs_.begin(), dirs_.end(), d) == dirs_.end())
      dirs_.push_back(d);
}

void LibrarySearch::add_run_paths(const std::vector<std::string>& paths) {
  std::vector<std::string> run;
  for (const std::string& p : paths)
    if (p.find("$ORIGIN") == std::string::npos && p.find("${ORIGIN}") == std::string::npos)
      run.push_back(clean(p));
  dirs_.insert(dirs_.begin(), run.begin(), run.end());
}

std::optional<fs::path> LibrarySearch::find(std::string_view needed) const {
  if (needed.find('/') != std::string_view::npos)
    return resolve_in_sysroot(sysroot_, clean(needed));
  for (const std::string& d : dirs_)
    if (auto found = resolve_in_sysroot(sysroot_, fs::path(d) / std::string(needed)))
      return found;
  return std::nullopt;
}

std::vector<std::string> LibrarySearch::searched() const {
  return dirs_;
}

std::vector<std::string> split_search_path(std::string_view text) {
  std::vector<std::string> parts;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t colon = std::min(text.find(':', start), text.size());
    if (colon > start)
      parts.emplace_back(text.substr(start, colon - start));
    start = colon + 1;
  }
  return parts;
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
