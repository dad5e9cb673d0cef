// The store's folders, locks and atomic placement (see store.hpp). A replaced sysroot is swapped
// in with renameat2(RENAME_EXCHANGE), so a reader sees the old tree or the new one, never none.
#include "sysroot/store.hpp"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "sysroot/layout.hpp"
#include "sysroot/shared_files.hpp"
#include "sysroot/store_lock.hpp"
#include "util/error.hpp"
#include "util/paths.hpp"
#include "util/suggest.hpp"
#include "version.hpp"

namespace xport::sysroot {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view temp_prefix = ".tmp-";

// ".tmp-<name>-<pid>-<n>" -> "<name>"
std::string name_of_temp(std::string_view folder) {
  folder.remove_prefix(temp_prefix.size());
  for (int i = 0; i < 2; ++i) {
    std::size_t dash = folder.rfind('-');
    if (dash == std::string_view::npos)
      return "";
    folder = folder.substr(0, dash);
  }
  return std::string(folder);
}

void remove_tree(const fs::path& path) {
  std::error_code ec;
  fs::remove_all(path, ec);
}

} // namespace

void check_sysroot_name(std::string_view name) {
  bool ok = !name.empty() && name.size() <= 200 && name.front() != '.' && name.front() != '-';
  for (char c : name)
    ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '+' ||
                c == '-');
  if (!ok)
    throw UsageError("'{}' is not a valid sysroot name: use letters, digits and . _ + - "
                     "(not first), e.g. 'aarch64-linux-gnu'",
                     name);
}

fs::path Store::default_dir() {
  return util::store_home(util::current_environment());
}

Store::Store(fs::path dir) : dir_(std::move(dir)) {}

Store Store::open(const std::optional<fs::path>& dir) {
  Store store(fs::absolute(dir ? *dir : default_dir()));
  std::error_code ec;
  fs::create_directories(store.sysroots(), ec);
  if (ec)
    throw Error("cannot create the sysroot store '{}': {}; pass --store DIR or set XPORT_HOME to a "
                "writable folder",
                store.sysroots().string(), ec.message());
  store.remove_stale_temp_folders();
  return store;
}

Store Store::open_for_reading(const fs::path& dir) {
  return Store(fs::absolute(dir));
}

fs::path Store::lock_file(std::string_view name) const {
  return sysroots() / ("." + std::string(name) + ".lock");
}

fs::path Store::temp_folder(std::string_view name, std::string_view purpose) const {
  static std::atomic<int> counter = 0;
  return sysroots() /
         fmt::format("{}{}-{}-{}{}", temp_prefix, name, ::getpid(), purpose, ++counter);
}

fs::path Store::staging_folder(std::string_view name) const {
  const std::string prefix = ".staging-";
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    std::string folder = entry.path().filename().string();
    if (!folder.starts_with(prefix))
      continue;
    long pid = std::strtol(folder.c_str() + folder.rfind('-') + 1, nullptr, 10);
    if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
      remove_tree(entry.path());
  }
  fs::path folder = dir_ / fmt::format("{}{}-{}", prefix, name, ::getpid());
  remove_tree(folder);
  fs::create_directories(folder);
  return folder;
}

// A temporary folder whose name's lock nobody holds was left by an import that died.
void Store::remove_stale_temp_folders() const {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(sysroots(), ec)) {
    std::string folder = entry.path().filename().string();
    if (!folder.starts_with(temp_prefix))
      continue;
    std::string name = name_of_temp(folder);
    if (name.empty())
      continue;
    StoreLock lock = StoreLock::try_acquire(lock_file(name));
    if (lock.held())
      remove_tree(entry.path());
  }
}

std::optional<Sysroot> Store::find(std::string_view name) const {
  fs::path dir = sysroot_folder(dir_, name);
  std::error_code ec;
  if (name.empty() || name.front() == '.' || !fs::is_directory(dir, ec))
    return std::nullopt;
  return Sysroot{std::string(name), root_in(dir), dir, read_manifest(manifest_in(dir)), {}};
}

Sysroot Store::get(std::string_view name) const {
  if (std::optional<Sysroot> found = find(name))
    return *found;
  std::vector<std::string> names;
  for (const Sysroot& s : list())
    names.push_back(s.name);
  throw Error("no sysroot named '{}' in the store '{}'{}; see 'xport sysroot list', or import one "
              "with 'xport sysroot import MEDIA --target T'",
              name, dir_.string(), util::did_you_mean(name, names));
}

std::vector<Sysroot> Store::list() const {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(sysroots(), ec)) {
    std::string name = entry.path().filename().string();
    if (!name.starts_with('.') && entry.is_directory(ec))
      names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  std::vector<Sysroot> out;
  for (const std::string& name : names)
    if (std::optional<Sysroot> s = find(name))
      out.push_back(std::move(*s));
  return out;
}

void Store::remove(std::string_view name) {
  check_sysroot_name(name);
  Sysroot sysroot = get(name);
  StoreLock lock = StoreLock::acquire(lock_file(name), {});
  fs::path trash = temp_folder(name, "rm");
  if (::rename(sysroot.dir.c_str(), trash.c_str()) != 0)
    throw Error("cannot remove the sysroot '{}': {}", sysroot.dir.string(), std::strerror(errno));
  remove_tree(trash);
  collect_unused_files(file_area());
  // The lock file stays: deleting it would let a waiting import and a new one lock two files.
}

} // namespace xport::sysroot
