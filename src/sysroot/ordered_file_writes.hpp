// The file system work of an import (making folders, files, links), done in the order it is asked
// for but on a thread of its own, so that reading and hashing the media on the caller's thread
// overlaps the kernel's work of creating thousands of small files. Paths are relative to the
// sysroot folder and are used with the *at() calls on that folder: they have already been
// resolved through the links the import made (tree_writer.hpp), so none of them goes through a
// link.
//
// File data is copied into a few fixed chunks of memory that are reused as the writing thread
// finishes with them: that bounds the memory an import holds, and a sysroot's thousands of small
// files cost no allocation and no fresh pages each.
//
// The first operation that fails stops the rest; its error is thrown by the next call on the
// caller's thread, or by finish(). Destroying the object abandons what is still queued (the import
// is failing and its folder will be removed).
#pragma once

#include <array>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace xport::sysroot {

class OrderedFileWrites {
public:
  explicit OrderedFileWrites(const std::filesystem::path& root);
  ~OrderedFileWrites();
  OrderedFileWrites(const OrderedFileWrites&) = delete;
  OrderedFileWrites& operator=(const OrderedFileWrites&) = delete;

  // `where` names the medium and member in errors.
  void make_directory(std::string path, std::string where);
  void remove(std::string path, std::string where);
  void make_symlink(std::string text, std::string path, std::string where);
  void make_hardlink(std::string source, std::string path, std::string where);
  // A new file, created with `mode`; the write() calls that follow fill it and close_file() ends
  // it. `size` is its final size: when the data had holes, a trailing one is made by extending
  // the file; `chmod` sets `mode` again where the umask took bits away at creation.
  void create_file(std::string path, uint32_t mode, std::string where);
  // Copies the data: the caller's block may go as soon as this returns.
  void write(const void* data, std::size_t size, uint64_t offset);
  void close_file(uint64_t size, bool holes, bool chmod);

  // Waits until every operation asked for is done; throws the first failure's error.
  void finish();

private:
  static constexpr std::size_t chunk_size = std::size_t{1} << 20;
  static constexpr std::size_t chunk_count = 8;
  static constexpr std::size_t no_chunk = chunk_count;

  enum class Kind { directory, remove, symlink, hardlink, create, data, close, release_chunk };
  struct Operation {
    Kind kind;
    std::string path = {};
    std::string text = {}; // a link's text or source
    const char* data = nullptr;
    std::size_t size = 0;
    uint64_t number = 0; // data: its offset in the file; close: the file's size; release: chunk
    uint32_t mode = 0;
    bool chmod = false, holes = false;
    std::string where = {};
  };
  struct OpenFile {
    int fd = -1;
    std::string path, where;
    uint32_t mode = 0;
  };

  void submit(Operation op);
  void hand_over(std::unique_lock<std::mutex>& lock);
  void next_chunk();
  void work();
  void perform(const Operation& op);

  int root_fd_ = -1;
  // The caller's: operations not yet handed over, and the chunk being filled.
  std::vector<Operation> batch_;
  std::size_t chunk_ = no_chunk, chunk_used_ = 0;

  std::mutex mutex_;
  std::condition_variable work_ready_, work_done_;
  std::vector<std::vector<Operation>> queue_;
  std::array<char*, chunk_count> chunks_{}; // mapped when first needed
  std::vector<std::size_t> free_chunks_;
  bool busy_ = false, stopping_ = false;
  std::exception_ptr failure_;

  OpenFile file_; // the worker's
  std::thread worker_;
};

} // namespace xport::sysroot
