// Store::import (see store.hpp): media into a new or replacing sysroot, placed atomically. Apart
// from the rest of the store because it alone reaches the media readers (libarchive, nettle):
// programs that only find and read sysroots, such as bin/xport for `xport cc`, do not link them.
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <fstream>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "sysroot/layout.hpp"
#include "sysroot/shared_files.hpp"
#include "sysroot/store.hpp"
#include "sysroot/store_lock.hpp"
#include "util/error.hpp"
#include "version.hpp"

namespace xport::sysroot {
namespace fs = std::filesystem;
namespace {

std::string utc_now() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

// What a rename is about to publish reaches the disk first, and the rename itself after it: so a
// power loss or kernel crash leaves the old sysroot or the new one whole, never a tree that looks
// complete but holds files the disk never got (docs/sysroots.md, "Durability"). A killed process
// needs neither: the page cache keeps what it wrote.
void sync_file_system(const fs::path& folder, bool whole) {
  int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    throw Error("cannot open '{}' to write it to the disk: {}", folder.string(),
                std::strerror(errno));
  int rc = whole ? ::syncfs(fd) : ::fsync(fd);
  int saved = errno;
  ::close(fd);
  if (rc != 0)
    throw Error("cannot write '{}' to the disk: {}", folder.string(), std::strerror(saved));
}

void remove_tree(const fs::path& path) {
  std::error_code ec;
  fs::remove_all(path, ec);
}

// While it lives, a write past RLIMIT_FSIZE fails with EFBIG (reported, and the import undone)
// instead of killing the process with SIGXFSZ.
class FileSizeSignalIgnored {
public:
  FileSizeSignalIgnored() { previous_ = std::signal(SIGXFSZ, SIG_IGN); }
  ~FileSizeSignalIgnored() { std::signal(SIGXFSZ, previous_); }
  FileSizeSignalIgnored(const FileSizeSignalIgnored&) = delete;
  FileSizeSignalIgnored& operator=(const FileSizeSignalIgnored&) = delete;

private:
  void (*previous_)(int) = SIG_DFL;
};

// A medium's size on disk: the file's, or a folder's files' together.
uint64_t media_size(const fs::path& medium) {
  std::error_code ec;
  if (!fs::is_directory(medium, ec))
    return fs::file_size(medium, ec) == static_cast<std::uintmax_t>(-1) ? 0
                                                                        : fs::file_size(medium, ec);
  uint64_t total = 0;
  for (auto it = fs::recursive_directory_iterator(medium, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file(ec))
      total += it->file_size(ec);
  return total;
}

ImportOptions import_options(const ImportRequest& request, const fs::path& temp) {
  ImportOptions options;
  options.all = request.all;
  options.max_member_size = request.max_member_size;
  options.max_total_size = request.max_total_size;
  options.expect_sha256 = request.expect_sha256;
  options.file_digest = request.file_digest;
  options.digest_cache = request.digest_cache;
  if (options.max_total_size == 0) {
    uint64_t media_bytes = 0;
    for (const fs::path& p : request.media)
      media_bytes += media_size(p);
    options.max_total_size = default_total_limit(media_bytes);
  }
  struct statvfs fs_info {};
  if (::statvfs(temp.c_str(), &fs_info) == 0)
    options.space = free_space_of(temp.parent_path().parent_path(),
                                  uint64_t{fs_info.f_bavail} * fs_info.f_frsize,
                                  uint64_t{fs_info.f_blocks} * fs_info.f_frsize);
  return options;
}

// The sysroot's tree again under `to`, from its manifest: folders made, links copied, files
// hardlinked (no data copied; a file is replaced, never written in place, when a layer changes
// it). Throws xport::Error naming the path.
void link_tree(const fs::path& from, const Manifest& manifest, const fs::path& to) {
  for (const FileRecord& f : manifest.files) {
    fs::path source = from / f.path, dest = to / f.path;
    int status = 0;
    switch (f.kind) {
    case MemberKind::directory:
      status = ::mkdir(dest.c_str(), 0755);
      break;
    case MemberKind::symlink:
      status = ::symlink(f.target.c_str(), dest.c_str());
      break;
    case MemberKind::file:
    case MemberKind::hardlink:
      status = ::link(source.c_str(), dest.c_str());
      break;
    case MemberKind::special:
      break;
    }
    if (status != 0)
      throw Error("cannot take '{}' of the sysroot '{}' into the new layer: {}; check the store "
                  "with 'xport sysroot verify'",
                  f.path, from.string(), std::strerror(errno));
  }
}

} // namespace

uint64_t default_total_limit(uint64_t media_bytes) {
  constexpr uint64_t ratio = 64, floor = uint64_t{256} << 20;
  uint64_t by_ratio = media_bytes > UINT64_MAX / ratio ? UINT64_MAX : media_bytes * ratio;
  return std::max(by_ratio, floor);
}

// The reserve is 5% of the filesystem, as much as a full disk's other users need to go on, but
// never more than 256 MiB: a large disk's 5% would be more than anyone needs, and a small one
// (a 64 MiB tmpfs) must still take a small sysroot.
FreeSpace free_space_of(fs::path where, uint64_t free_bytes, uint64_t filesystem_bytes) {
  constexpr uint64_t max_reserve = uint64_t{256} << 20;
  return {std::move(where), free_bytes, filesystem_bytes,
          std::min(filesystem_bytes / 20, max_reserve)};
}

// One copy of each file, when there is something to share with: a sysroot alone in the store gets
// no entries in the file area (they would cost a link(2) per file for nothing). The first time a
// sysroot is made beside others, those not shared yet (no `shared` mark beside their manifest)
// are shared first, each under its own lock when it is free (a sysroot being changed is left for
// a later import), then the new one; the mark goes with the new tree. Sharing is idempotent: a
// file that is one of its entry's links already is left as it is.
void Store::share_with_store(std::string_view name, const fs::path& folder,
                             const Manifest& manifest) const {
  std::vector<std::string> others;
  std::error_code ec;
  for (auto it = fs::directory_iterator(sysroots(), ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    std::string other = it->path().filename().string();
    if (!other.starts_with('.') && other != name && it->is_directory(ec))
      others.push_back(other);
  }
  if (others.empty())
    return;
  for (const std::string& other : others) {
    fs::path dir = sysroot_folder(dir_, other);
    if (fs::exists(dir / "shared", ec))
      continue;
    StoreLock lock = StoreLock::try_acquire(lock_file(other));
    if (!lock.held())
      continue;
    std::optional<Sysroot> found = find(other);
    if (!found || fs::exists(dir / "shared", ec))
      continue;
    share_files(found->root, found->manifest.files, found->manifest.file_digest, file_area());
    std::ofstream(dir / "shared") << "its files are hardlinks of the store's file area\n";
  }
  share_files(root_in(folder), manifest.files, manifest.file_digest, file_area());
  std::ofstream mark(folder / "shared");
  mark << "its files are hardlinks of the store's file area\n";
  if (!mark)
    throw Error("cannot write '{}': {}", (folder / "shared").string(), std::strerror(errno));
}

Sysroot Store::import(const target::Profile& profile, const ImportRequest& request,
                      ImportObserver* observer, const std::function<void()>& on_wait) {
  std::string name = request.name.empty() ? profile.name : request.name;
  check_sysroot_name(name);
  if (request.media.empty())
    throw UsageError("no media to import; give ISO images, tar archives, .deb packages or folders");
  std::vector<MediumSource> media;
  for (std::size_t i = 0; i < request.media.size(); ++i) {
    const fs::path& p = request.media[i];
    std::string recorded = i < request.recorded_as.size() ? request.recorded_as[i] : "";
    media.push_back({recorded.empty() ? p.string() : recorded, p, {}, recorded});
  }

  StoreLock lock = StoreLock::acquire(lock_file(name), on_wait);
  remove_stale_temp_folders();
  fs::path final_dir = sysroot_folder(dir_, name);
  std::error_code ec;
  if (fs::exists(final_dir, ec) && !request.force)
    throw Error("a sysroot named '{}' already exists in '{}'; replace it with --force, or import "
                "under another name with --name",
                name, dir_.string());

  FileSizeSignalIgnored file_size_limit_is_an_error;
  fs::path temp = temp_folder(name, "import");
  fs::create_directories(root_in(temp));
  try {
    ImportOptions options = import_options(request, temp);
    ImportResult result = import_media(root_in(temp), media, profile, options, observer);
    Manifest m;
    m.name = name;
    m.target = profile.name;
    m.xport_version = xport::version;
    m.imported_at = utc_now();
    m.media = std::move(result.media);
    for (std::size_t i = 0; i < request.origins.size() && i < m.media.size(); ++i)
      m.media[i].origin = request.origins[i];
    m.file_digest = request.file_digest;
    m.settings = {request.all, request.max_member_size};
    m.layout = detect_layout(root_in(temp), profile);
    m.linker_scripts = std::move(result.linker_scripts);
    m.warnings = std::move(result.warnings);
    m.files = std::move(result.files);
    Layer first{m.imported_at, {}, m.entry_count()};
    for (std::size_t i = 0; i < m.media.size(); ++i)
      first.media.push_back(i);
    m.layers = {std::move(first)};
    write_manifest(m, manifest_in(temp));
    share_with_store(name, temp, m);
    sync_file_system(temp, true);
    if (fs::exists(final_dir, ec)) {
      if (::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, final_dir.c_str(), RENAME_EXCHANGE) != 0)
        throw Error("cannot replace the sysroot '{}': {}", final_dir.string(),
                    std::strerror(errno));
      sync_file_system(final_dir.parent_path(), false);
      remove_tree(temp); // now the old tree
      collect_unused_files(file_area());
    } else if (::rename(temp.c_str(), final_dir.c_str()) != 0) {
      throw Error("cannot move the sysroot into place at '{}': {}", final_dir.string(),
                  std::strerror(errno));
    } else {
      sync_file_system(final_dir.parent_path(), false);
    }
    std::vector<std::string> warnings = m.warnings;
    return Sysroot{name, root_in(final_dir), final_dir, std::move(m), std::move(warnings)};
  } catch (...) {
    remove_tree(temp);
    collect_unused_files(file_area());
    throw;
  }
}

Sysroot Store::add(std::string_view name, const target::Profile& profile,
                   const ImportRequest& request, ImportObserver* observer,
                   const std::function<void()>& on_wait) {
  check_sysroot_name(name);
  if (request.media.empty())
    throw UsageError("no media to add; give .deb packages, FreeBSD .pkg files, tar archives or "
                     "folders");
  std::vector<MediumSource> media;
  for (std::size_t i = 0; i < request.media.size(); ++i) {
    const fs::path& p = request.media[i];
    std::string recorded = i < request.recorded_as.size() ? request.recorded_as[i] : "";
    media.push_back({recorded.empty() ? p.string() : recorded, p, {}, recorded});
  }

  StoreLock lock = StoreLock::acquire(lock_file(name), on_wait);
  remove_stale_temp_folders();
  Sysroot base = get(name); // under the lock: the sysroot as it is now
  FileSizeSignalIgnored file_size_limit_is_an_error;
  fs::path temp = temp_folder(name, "add");
  fs::create_directories(root_in(temp));
  try {
    link_tree(base.root, base.manifest, root_in(temp));
    ImportOptions options = import_options(request, temp);
    options.all = request.all || base.manifest.settings.all;
    options.file_digest = base.manifest.file_digest; // one algorithm per manifest
    options.base = &base.manifest.files;
    options.base_media = base.manifest.media.size();
    ImportResult result = import_media(root_in(temp), media, profile, options, observer);

    Manifest m = base.manifest;
    Layer layer{utc_now(), {}, 0};
    for (MediumRecord& r : result.media) {
      layer.media.push_back(m.media.size());
      m.media.push_back(std::move(r));
    }
    for (const FileRecord& f : result.files)
      if (f.kind != MemberKind::directory && f.medium >= options.base_media)
        ++layer.entries;
    m.layers.push_back(std::move(layer));
    m.xport_version = xport::version;
    m.layout = detect_layout(root_in(temp), profile);
    m.linker_scripts = std::move(result.linker_scripts);
    m.warnings.insert(m.warnings.end(), result.warnings.begin(), result.warnings.end());
    m.files = std::move(result.files);
    write_manifest(m, manifest_in(temp));
    share_with_store(name, temp, m);
    sync_file_system(temp, true);
    if (::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, base.dir.c_str(), RENAME_EXCHANGE) != 0)
      throw Error("cannot put the new layer of '{}' in place: {}", base.dir.string(),
                  std::strerror(errno));
    sync_file_system(base.dir.parent_path(), false);
    remove_tree(temp); // now the previous tree
    collect_unused_files(file_area());
    return Sysroot{base.name, root_in(base.dir), base.dir, std::move(m),
                   std::move(result.warnings)};
  } catch (...) {
    remove_tree(temp);
    collect_unused_files(file_area());
    throw;
  }
}

} // namespace xport::sysroot
