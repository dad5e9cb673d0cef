// Advisory locks (flock(2)) on files in the store. Each sysroot name has a lock file
// (sysroots/.<name>.lock) held for the whole of an import or removal, so two imports of one name
// never interleave and a temporary folder whose name's lock is free belongs to a dead process.
#pragma once

#include <filesystem>
#include <functional>

namespace xport::sysroot {

class StoreLock {
public:
  // Blocks until the lock is held; calls `on_wait` once first if another process holds it.
  static StoreLock acquire(const std::filesystem::path& file, const std::function<void()>& on_wait);
  // Returns an unheld lock (held() == false) when another process holds it.
  static StoreLock try_acquire(const std::filesystem::path& file);

  StoreLock(StoreLock&& other) noexcept;
  StoreLock& operator=(StoreLock&&) = delete;
  ~StoreLock();
  bool held() const { return fd_ >= 0; }

private:
  explicit StoreLock(int fd) : fd_(fd) {}
  int fd_;
};

} // namespace xport::sysroot
