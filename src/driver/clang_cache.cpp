// The default clang choice kept between runs (see clang_cache.hpp).
#include "driver/clang_cache.hpp"

#include <algorithm>
#include <charconv>
#include <ctime>
#include <sys/stat.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace xport::driver {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view header = "xport clang choice 1";
constexpr std::time_t settle_seconds = 2;

// "mtime.nsec inode size mode" of what `file` names (symlinks followed), "-" when it is absent.
std::string stamp(const fs::path& file, std::time_t* mtime = nullptr) {
  struct stat st;
  if (::stat(file.c_str(), &st) != 0)
    return "-";
  if (mtime)
    *mtime = st.st_mtim.tv_sec;
  return fmt::format("{}.{:09} {} {} {:o}", st.st_mtim.tv_sec, st.st_mtim.tv_nsec, st.st_ino,
                     st.st_size, st.st_mode);
}

std::string numbers_text(const std::vector<int>& numbers) {
  return fmt::format("{}", fmt::join(numbers, " "));
}

std::vector<int> numbers_of(std::string_view text) {
  std::vector<int> out;
  if (text.empty())
    return out;
  for (std::string_view word : util::split(text, ' ')) {
    int value = 0;
    auto [at, error] = std::from_chars(word.data(), word.data() + word.size(), value);
    if (error != std::errc() || at != word.data() + word.size())
      throw Error("bad number");
    out.push_back(value);
  }
  return out;
}

std::string words_text(const std::vector<std::string>& words) {
  return fmt::format("{}", fmt::join(words, "\t"));
}

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> out;
  if (!text.empty())
    for (std::string_view word : util::split(text, '\t'))
      out.emplace_back(word);
  return out;
}

bool one_line(std::string_view text) {
  return text.find('\n') == std::string_view::npos;
}

} // namespace

std::optional<FoundClang> read_clang_cache(const fs::path& file, std::string_view path_list) {
  std::string text;
  try {
    text = util::read_file(file);
  } catch (const Error&) {
    return std::nullopt;
  }
  FoundClang found;
  bool saw_path = false, saw_header = false;
  std::string_view rest(text);
  try {
    while (!rest.empty()) {
      std::size_t end = rest.find('\n');
      if (end == std::string_view::npos)
        return std::nullopt; // a line cut short
      std::string_view line = rest.substr(0, end);
      rest.remove_prefix(end + 1);
      if (!saw_header) {
        if (line != header)
          return std::nullopt;
        saw_header = true;
        continue;
      }
      std::size_t tab = line.find('\t');
      if (tab == std::string_view::npos)
        return std::nullopt;
      std::string_view key = line.substr(0, tab), value = line.substr(tab + 1);
      if (key == "path") {
        if (value != path_list)
          return std::nullopt;
        saw_path = true;
      } else if (key == "stamp") {
        std::size_t at = value.find('\t');
        if (at == std::string_view::npos ||
            stamp(fs::path(value.substr(at + 1))) != value.substr(0, at))
          return std::nullopt;
      } else if (key == "clang") {
        found.c = value;
      } else if (key == "clang++") {
        found.cxx = value;
      } else if (key == "bin") {
        found.bin = value;
      } else if (key == "major") {
        found.major = numbers_of(value).at(0);
      } else if (key == "lld") {
        found.lld = value;
      } else if (key == "lld-by-path") {
        found.lld_by_path = value == "yes";
      } else if (key == "lld-major") {
        found.lld_major = numbers_of(value).at(0);
      } else if (key == "chosen-by") {
        found.chosen_by = value;
      } else if (key == "installed") {
        found.installed = numbers_of(value);
      } else if (key == "resource-versions") {
        found.resource_versions = words_of(value);
      } else {
        return std::nullopt;
      }
    }
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (!saw_path || found.c.empty() || found.bin.empty())
    return std::nullopt;
  found.installed_listed = true;
  found.search_path = path_list;
  return found;
}

void write_clang_cache(const fs::path& file, std::string_view path_list,
                       const DiscoveredClang& found) {
  const FoundClang& c = found.clang;
  // One record a line, a resource folder's names split at tabs: anything holding a line break
  // (or such a name holding a tab) could not be read back as written.
  if (!one_line(path_list) || !one_line(c.chosen_by) ||
      std::any_of(c.resource_versions.begin(), c.resource_versions.end(),
                  [](const std::string& v) { return !one_line(v) || v.find('\t') != v.npos; }))
    return;
  for (const fs::path* p : {&c.c, &c.cxx, &c.bin, &c.lld})
    if (!one_line(p->native()))
      return;
  std::string text = fmt::format("{}\npath\t{}\n", header, path_list);
  std::time_t newest_allowed = std::time(nullptr) - settle_seconds;
  std::vector<fs::path> written;
  for (const fs::path& p : found.depends_on) {
    if (std::find(written.begin(), written.end(), p) != written.end())
      continue;
    if (!one_line(p.native()))
      return;
    written.push_back(p);
    std::time_t mtime = 0;
    std::string value = stamp(p, &mtime);
    if (mtime > newest_allowed)
      return;
    text += fmt::format("stamp\t{}\t{}\n", value, p.string());
  }
  text += fmt::format("clang\t{}\nclang++\t{}\nbin\t{}\nmajor\t{}\nlld\t{}\nlld-major\t{}\n"
                      "lld-by-path\t{}\nchosen-by\t{}\ninstalled\t{}\nresource-versions\t{}\n",
                      c.c.string(), c.cxx.string(), c.bin.string(), c.major, c.lld.string(),
                      c.lld_major, c.lld_by_path ? "yes" : "no", c.chosen_by,
                      numbers_text(c.installed), words_text(c.resource_versions));
  try {
    util::write_file_atomically(file, text);
  } catch (const Error&) {
  }
}

} // namespace xport::driver
