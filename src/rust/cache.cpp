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
