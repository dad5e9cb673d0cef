// Finding and reading profile files (see profile_sources.hpp).
#include "target/profile_sources.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <system_error>
#include <unistd.h>

#include <fmt/format.h>

#include "util/input_file.hpp"
#include "util/paths.hpp"

namespace xport::target {

namespace fs = std::filesystem;

std::vector<fs::path> default_search_dirs() {
  std::vector<fs::path> dirs = {fs::path("xport") / "targets"};
  if (std::optional<fs::path> config = util::config_home(util::current_environment()))
    dirs.push_back(*config / "targets");
  return dirs;
}

namespace {

// Reads a whole file; the failure names the OS's reason ("Permission denied").
bool read_file(const fs::path& path, std::string& out, std::string& reason) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    reason = "is a directory, not a profile file";
    return false;
  }
  Result<int> fd = util::open_regular_file(path); // a FIFO would block: refused by its kind
  if (!fd) {
    reason = fd.error();
    return false;
  }
  std::FILE* f = ::fdopen(*fd, "rb");
  if (!f) {
    reason = std::strerror(errno);
    ::close(*fd);
    return false;
  }
  char buffer[65536];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0)
    out.append(buffer, n);
  bool failed = std::ferror(f);
  int error = errno;
  std::fclose(f);
  if (failed) {
    reason = std::strerror(error);
    return false;
  }
  return true;
}

class Gatherer {
public:
  explicit Gatherer(std::vector<Diagnostic>& problems) : problems_(problems) {}

  void add_file(const fs::path& path, std::string_view how) {
    std::error_code ec;
    fs::path key = fs::weakly_canonical(path, ec);
    if (!seen_.insert(ec ? path.string() : key.string()).second)
      return; // the same file through two routes (a search dir and --profile) loads once
    std::string text, reason;
    if (!read_file(path, text, reason)) {
      problems_.push_back({FieldOrigin{path.string(), 0, 0},
                           fmt::format("cannot read profile file{}: {}", how, reason)});
      return;
    }
    files_.push_back({path.string(), std::move(text)});
  }

  void add_dir(const fs::path& dir) {
    std::error_code ec;
    if (!fs::exists(dir, ec))
      return; // an absent search folder is normal
    std::vector<fs::path> found;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
      if (it->path().extension() == ".toml")
        found.push_back(it->path());
    if (ec) {
      problems_.push_back({FieldOrigin{dir.string(), 0, 0},
                           fmt::format("cannot list profile folder: {}", ec.message())});
      return;
    }
    std::sort(found.begin(), found.end());
    for (const fs::path& p : found)
      add_file(p, " (found in the search path)");
  }

  void add_text(std::string path, std::string text) {
    files_.push_back({std::move(path), std::move(text)});
  }

  std::vector<SourceFile> take() { return std::move(files_); }

private:
  std::vector<Diagnostic>& problems_;
  std::set<std::string> seen_;
  std::vector<SourceFile> files_;
};

} // namespace

std::vector<SourceFile> gather_sources(const SearchOptions& options,
                                       std::vector<Diagnostic>& problems) {
  Gatherer gatherer(problems);
  if (options.user_dirs)
    for (const fs::path& dir : options.search_dirs ? *options.search_dirs : default_search_dirs())
      gatherer.add_dir(dir);
  for (const fs::path& file : options.profile_files)
    gatherer.add_file(file, " (given with --profile)");
  for (const ProfileText& t : options.profile_texts)
    gatherer.add_text(t.path, t.contents);
  return gatherer.take();
}

} // namespace xport::target
