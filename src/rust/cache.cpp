// The Rust cache folder, digests for its keys, and atomic writes into it.
#include "rust/cache.hpp"

#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/file.h>
#include <unistd.h>

#include "util/digest.hpp"
#include "util/error.hpp"
#include "util/paths.hpp"

namespace xport::rust {
namespace fs = std::filesystem;

fs::path cache_root(const util::Environment& env) {
  return util::cache_home(env) / "rust";
}

std::string digest(const std::vector<std::string_view>& parts) {
  util::Digest sha(util::DigestAlgorithm::sha256);
  for (std::string_view part : parts) {
    std::string length = std::to_string(part.size()) + ":";
    sha.update(length.data(), length.size());
    sha.update(part.data(), part.size());
  }
  return sha.hex_digest().substr(0, 16);
}

void write_file_atomically(const fs::path& file, std::string_view content, bool executable) {
  if (!file.parent_path().empty())
    fs::create_directories(file.parent_path());
  fs::path temporary = file;
  temporary += ".tmp." + std::to_string(getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out)
      throw Error("cannot write {}: check that the cache folder is writable", temporary.string());
  }
  if (executable)
    fs::permissions(temporary, fs::perms::owner_all | fs::perms::group_read |
                                   fs::perms::group_exec | fs::perms::others_read |
                                   fs::perms::others_exec);
  fs::rename(temporary, file);
}

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw Error("cannot read {}", file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

FolderLock::FolderLock(const fs::path& file) {
  fs::create_directories(file.parent_path());
  fd_ = open(file.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
  if (fd_ < 0 || flock(fd_, LOCK_EX) != 0)
    throw Error("cannot lock {}: check that the folder is writable", file.string());
}

FolderLock::~FolderLock() {
  if (fd_ >= 0)
    close(fd_);
}

} // namespace xport::rust
