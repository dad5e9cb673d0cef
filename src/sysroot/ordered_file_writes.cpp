// See ordered_file_writes.hpp. Operations go over in batches (one lock and at most one wake-up
// for many small files); a chunk of file data goes back to the caller when the writing thread
// reaches the operation that releases it, which the caller queues behind the chunk's last data.
#include "sysroot/ordered_file_writes.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/error.hpp"

namespace xport::sysroot {
namespace {

constexpr std::size_t batch_operations = 256;

void write_all(int fd, const char* data, std::size_t size, uint64_t offset,
               const std::string& where) {
  while (size > 0) {
    ssize_t n = ::pwrite(fd, data, size, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0 && (errno == ENOSPC || errno == EDQUOT || errno == EFBIG))
      throw Error("{}: cannot write it into the sysroot: {} (the store's filesystem is full or "
                  "a size limit was hit); nothing was kept; free some space, or import into "
                  "another store with --store or XPORT_HOME",
                  where, std::strerror(errno));
    if (n < 0)
      throw Error("{}: cannot write it into the sysroot: {}", where, std::strerror(errno));
    data += n;
    offset += static_cast<uint64_t>(n);
    size -= static_cast<std::size_t>(n);
  }
}

} // namespace

OrderedFileWrites::OrderedFileWrites(const std::filesystem::path& root) {
  root_fd_ = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (root_fd_ < 0)
    throw Error("cannot open the sysroot folder '{}' being made: {}", root.string(),
                std::strerror(errno));
  for (std::size_t i = chunk_count; i-- > 0;)
    free_chunks_.push_back(i);
  worker_ = std::thread([this] { work(); });
}

OrderedFileWrites::~OrderedFileWrites() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();
  }
  work_ready_.notify_one();
  worker_.join();
  if (file_.fd >= 0)
    ::close(file_.fd);
  ::close(root_fd_);
  for (char* chunk : chunks_)
    if (chunk)
      ::munmap(chunk, chunk_size);
}

void OrderedFileWrites::make_directory(std::string path, std::string where) {
  submit({.kind = Kind::directory, .path = std::move(path), .where = std::move(where)});
}

void OrderedFileWrites::remove(std::string path, std::string where) {
  submit({.kind = Kind::remove, .path = std::move(path), .where = std::move(where)});
}

void OrderedFileWrites::make_symlink(std::string text, std::string path, std::string where) {
  submit({.kind = Kind::symlink,
          .path = std::move(path),
          .text = std::move(text),
          .where = std::move(where)});
}

void OrderedFileWrites::make_hardlink(std::string source, std::string path, std::string where) {
  submit({.kind = Kind::hardlink,
          .path = std::move(path),
          .text = std::move(source),
          .where = std::move(where)});
}

void OrderedFileWrites::create_file(std::string path, uint32_t mode, std::string where) {
  submit({.kind = Kind::create, .path = std::move(path), .mode = mode, .where = std::move(where)});
}

void OrderedFileWrites::write(const void* data, std::size_t size, uint64_t offset) {
  const char* from = static_cast<const char*>(data);
  while (size > 0) {
    if (chunk_ == no_chunk || chunk_used_ == chunk_size)
      next_chunk();
    std::size_t n = std::min(size, chunk_size - chunk_used_);
    char* to = chunks_[chunk_] + chunk_used_;
    std::memcpy(to, from, n);
    Operation* last = batch_.empty() ? nullptr : &batch_.back();
    if (last && last->kind == Kind::data && last->data + last->size == to &&
        last->number + last->size == offset)
      last->size += n; // the member's next block, right behind the last one
    else
      submit({.kind = Kind::data, .data = to, .size = n, .number = offset});
    chunk_used_ += n;
    from += n;
    offset += n;
    size -= n;
  }
}

void OrderedFileWrites::close_file(uint64_t size, bool holes, bool chmod) {
  submit({.kind = Kind::close, .number = size, .chmod = chmod, .holes = holes});
}

void OrderedFileWrites::submit(Operation op) {
  batch_.push_back(std::move(op));
  if (batch_.size() < batch_operations)
    return;
  std::unique_lock lock(mutex_);
  hand_over(lock);
}

void OrderedFileWrites::hand_over(std::unique_lock<std::mutex>& lock) {
  if (failure_)
    std::rethrow_exception(failure_);
  if (batch_.empty())
    return;
  queue_.push_back(std::move(batch_));
  batch_.clear();
  lock.unlock();
  work_ready_.notify_one();
  lock.lock();
}

// The full chunk goes to the writing thread with the operation that gives it back; the caller
// waits for a free one only when all of them are queued.
void OrderedFileWrites::next_chunk() {
  if (chunk_ != no_chunk)
    batch_.push_back({.kind = Kind::release_chunk, .number = chunk_});
  std::unique_lock lock(mutex_);
  hand_over(lock);
  work_done_.wait(lock, [&] { return failure_ || !free_chunks_.empty(); });
  if (failure_)
    std::rethrow_exception(failure_);
  chunk_ = free_chunks_.back();
  free_chunks_.pop_back();
  chunk_used_ = 0;
  if (!chunks_[chunk_]) {
    // Populated at once: one system call instead of a page fault for every 4 KiB.
    void* memory = ::mmap(nullptr, chunk_size, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (memory == MAP_FAILED) {
      free_chunks_.push_back(chunk_);
      chunk_ = no_chunk;
      throw Error("cannot map {} MiB of memory for the files being written: {}", chunk_size >> 20,
                  std::strerror(errno));
    }
    chunks_[chunk_] = static_cast<char*>(memory);
  }
}

void OrderedFileWrites::finish() {
  std::unique_lock lock(mutex_);
  hand_over(lock);
  work_done_.wait(lock, [&] { return failure_ || (queue_.empty() && !busy_); });
  if (failure_)
    std::rethrow_exception(failure_);
}

void OrderedFileWrites::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    work_ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (stopping_)
      return;
    std::vector<Operation> batch = std::move(queue_.front());
    queue_.erase(queue_.begin());
    busy_ = true;
    lock.unlock();
    std::exception_ptr failure;
    std::vector<std::size_t> released;
    for (const Operation& op : batch) {
      if (op.kind == Kind::release_chunk) {
        released.push_back(static_cast<std::size_t>(op.number));
        continue;
      }
      if (failure)
        continue;
      try {
        perform(op);
      } catch (...) {
        failure = std::current_exception();
      }
    }
    batch.clear();
    lock.lock();
    busy_ = false;
    free_chunks_.insert(free_chunks_.end(), released.begin(), released.end());
    if (failure && !failure_)
      failure_ = failure;
    if (failure_)
      queue_.clear(); // nothing after a failure is done
    work_done_.notify_all();
  }
}

void OrderedFileWrites::perform(const Operation& op) {
  const char* path = op.path.c_str();
  switch (op.kind) {
  case Kind::directory:
    if (::mkdirat(root_fd_, path, 0755) != 0 && errno != EEXIST)
      throw Error("{}: cannot make the folder '{}': {}", op.where, op.path, std::strerror(errno));
    return;
  case Kind::remove:
    if (::unlinkat(root_fd_, path, 0) != 0 && errno != ENOENT)
      throw Error("{}: cannot replace '{}': {}", op.where, op.path, std::strerror(errno));
    return;
  case Kind::symlink:
    if (::symlinkat(op.text.c_str(), root_fd_, path) != 0)
      throw Error("{}: cannot make the link '{}': {}", op.where, op.path, std::strerror(errno));
    return;
  case Kind::hardlink:
    if (::linkat(root_fd_, op.text.c_str(), root_fd_, path, 0) != 0)
      throw Error("{}: cannot make the hardlink '{}' to '{}': {}", op.where, op.path, op.text,
                  std::strerror(errno));
    return;
  case Kind::create:
    file_.fd = ::openat(root_fd_, path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                        static_cast<mode_t>(op.mode));
    if (file_.fd < 0)
      throw Error("{}: cannot create '{}' in the sysroot: {}", op.where, op.path,
                  std::strerror(errno));
    file_.path = op.path;
    file_.where = op.where;
    file_.mode = op.mode;
    return;
  case Kind::data:
    write_all(file_.fd, op.data, op.size, op.number, file_.where);
    return;
  case Kind::release_chunk:
    return;
  case Kind::close: {
    int fd = file_.fd;
    file_.fd = -1;
    struct stat st {};
    // Only a trailing hole leaves the file short of its size.
    bool short_of_size =
        op.holes && ::fstat(fd, &st) == 0 && static_cast<uint64_t>(st.st_size) < op.number;
    bool failed = (short_of_size && ::ftruncate(fd, static_cast<off_t>(op.number)) != 0) ||
                  (op.chmod && ::fchmod(fd, static_cast<mode_t>(file_.mode)) != 0);
    int saved = errno;
    ::close(fd);
    if (failed)
      throw Error("{}: cannot finish '{}': {}", file_.where, file_.path, std::strerror(saved));
    return;
  }
  }
}

} // namespace xport::sysroot
