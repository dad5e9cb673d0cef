// flock(2)-based locks: released by the kernel when the process dies, even by SIGKILL.
#include "sysroot/store_lock.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "util/error.hpp"

namespace xport::sysroot {
namespace {

int open_lock_file(const std::filesystem::path& file) {
  int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0)
    throw Error("cannot open the lock file '{}': {}; check that the store is writable",
                file.string(), std::strerror(errno));
  return fd;
}

} // namespace

StoreLock StoreLock::acquire(const std::filesystem::path& file,
                             const std::function<void()>& on_wait) {
  int fd = open_lock_file(file);
  if (::flock(fd, LOCK_EX | LOCK_NB) == 0)
    return StoreLock(fd);
  if (on_wait)
    on_wait();
  while (::flock(fd, LOCK_EX) != 0) {
    if (errno != EINTR) {
      int saved = errno;
      ::close(fd);
      throw Error("cannot lock '{}': {}", file.string(), std::strerror(saved));
    }
  }
  return StoreLock(fd);
}

StoreLock StoreLock::try_acquire(const std::filesystem::path& file) {
  int fd = open_lock_file(file);
  if (::flock(fd, LOCK_EX | LOCK_NB) == 0)
    return StoreLock(fd);
  ::close(fd);
  return StoreLock(-1);
}

StoreLock::StoreLock(StoreLock&& other) noexcept : fd_(other.fd_) {
  other.fd_ = -1;
}

StoreLock::~StoreLock() {
  if (fd_ >= 0)
    ::close(fd_);
}

} // namespace xport::sysroot
