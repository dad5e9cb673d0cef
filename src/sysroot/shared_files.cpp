// The store's file area (see shared_files.hpp).
#include "sysroot/shared_files.hpp"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "util/error.hpp"
#include "util/parallel.hpp"

namespace xport::sysroot {
namespace fs = std::filesystem;
namespace {

class Fd {
public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0)
      ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

private:
  int fd_;
};

// Whether the two files hold the same bytes (their sizes are known to be equal).
bool same_bytes(const fs::path& a, const fs::path& b) {
  Fd fa(::open(a.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  Fd fb(::open(b.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (fa.get() < 0 || fb.get() < 0)
    return false;
  // Two buffers per thread, made once: zeroing 2 MiB for every file compared cost more than
  // reading it.
  thread_local std::vector<char> ba(1 << 20), bb(1 << 20);
  for (;;) {
    ssize_t na = ::read(fa.get(), ba.data(), ba.size());
    if (na < 0)
      return false;
    ssize_t got = 0;
    while (got < na) {
      ssize_t nb = ::read(fb.get(), bb.data() + got, static_cast<std::size_t>(na - got));
      if (nb <= 0)
        return false;
      got += nb;
    }
    if (na == 0)
      return ::read(fb.get(), bb.data(), 1) == 0;
    if (std::memcmp(ba.data(), bb.data(), static_cast<std::size_t>(na)) != 0)
      return false;
  }
}

// Replaces `path` by a hardlink of `entry`, atomically (a link beside it, renamed over it).
bool replace_with_link(const fs::path& entry, const fs::path& path) {
  fs::path beside = path;
  beside += ".xport-link";
  ::unlink(beside.c_str());
  if (::link(entry.c_str(), beside.c_str()) != 0)
    return false;
  if (::rename(beside.c_str(), path.c_str()) != 0) {
    ::unlink(beside.c_str());
    return false;
  }
  return true;
}

} // namespace

SharingResult share_files(const fs::path& root, const std::vector<FileRecord>& files,
                          util::DigestAlgorithm digest, const fs::path& area) {
  const fs::path base = area / std::string(util::digest_name(digest));
  auto shareable = [](const FileRecord& f) {
    return f.kind == MemberKind::file && f.digest.size() > 2;
  };
  std::error_code ec;
  fs::create_directories(base, ec);
  if (ec)
    throw Error("cannot create the store's file area '{}': {}; check the store's permissions",
                base.string(), ec.message());

  // The links are independent of each other: both cores make them, relative to the two folders
  // (a path walk of the member's own components only).
  Fd root_fd(::open(root.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  Fd base_fd(::open(base.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (root_fd.get() < 0 || base_fd.get() < 0)
    throw Error("cannot open the folder '{}' to share its files: {}",
                (root_fd.get() < 0 ? root : base).string(), std::strerror(errno));
  std::vector<fs::path> entry_of(files.size()); // the entry a file is a link of, once it is
  std::atomic<std::size_t> linked = 0, added = 0, kept = 0;
  std::atomic<uint64_t> bytes_shared = 0;
  util::parallel_for(files.size(), 2, [&](std::size_t i) {
    const FileRecord& f = files[i];
    if (!shareable(f))
      return;
    std::string name =
        fmt::format("{}/{}-{:04o}", f.digest.substr(0, 2), f.digest.substr(2), f.mode);
    int made = ::linkat(root_fd.get(), f.path.c_str(), base_fd.get(), name.c_str(), 0);
    // The entry's folder is made when first needed (and again after a removal's clean-up).
    if (made != 0 && errno == ENOENT &&
        (::mkdirat(base_fd.get(), name.substr(0, 2).c_str(), 0755) == 0 || errno == EEXIST))
      made = ::linkat(root_fd.get(), f.path.c_str(), base_fd.get(), name.c_str(), 0);
    fs::path entry = base / name;
    fs::path path = root / f.path;
    if (made == 0) {
      ++added;
      entry_of[i] = std::move(entry);
      return;
    }
    int error = errno;
    struct stat st {
    }, own{};
    if (error == EEXIST && ::lstat(entry.c_str(), &st) == 0 && ::lstat(path.c_str(), &own) == 0 &&
        st.st_ino == own.st_ino && st.st_dev == own.st_dev) {
      entry_of[i] = std::move(entry); // already one of the entry's links (a layer's unchanged file)
      return;
    }
    if (error == EEXIST && S_ISREG(st.st_mode) && static_cast<uint64_t>(st.st_size) == f.size &&
        (st.st_mode & 07777) == f.mode && same_bytes(entry, path) &&
        replace_with_link(entry, path)) {
      ++linked;
      bytes_shared += f.size;
      entry_of[i] = std::move(entry);
      return;
    }
    ++kept; // no hardlinks here, a differing entry, or one that just went
  });

  std::map<std::string_view, const fs::path*> by_path;
  for (std::size_t i = 0; i < files.size(); ++i)
    if (!entry_of[i].empty())
      by_path[files[i].path] = &entry_of[i];
  for (const FileRecord& f : files) {
    if (f.kind != MemberKind::hardlink)
      continue;
    auto it = by_path.find(f.target);
    if (it != by_path.end() && !replace_with_link(*it->second, root / f.path))
      ++kept;
  }
  return {linked, added, bytes_shared, kept};
}

std::size_t collect_unused_files(const fs::path& area) {
  std::size_t removed = 0;
  std::error_code ec;
  std::vector<fs::path> folders;
  for (auto it = fs::recursive_directory_iterator(area, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    struct stat st {};
    if (::lstat(it->path().c_str(), &st) != 0)
      continue;
    if (S_ISDIR(st.st_mode))
      folders.push_back(it->path());
    else if (S_ISREG(st.st_mode) && st.st_nlink == 1 && ::unlink(it->path().c_str()) == 0)
      ++removed;
  }
  // Empty folders go too, deepest first (rmdir refuses one that is not empty), then the area:
  // a store without sysroots holds nothing of them.
  for (auto it = folders.rbegin(); it != folders.rend(); ++it)
    ::rmdir(it->c_str());
  ::rmdir(area.c_str());
  return removed;
}

} // namespace xport::sysroot
