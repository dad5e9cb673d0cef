// Where derived Rust artifacts live: target specs, linker wrappers and built sysroots are cached
// under $XDG_CACHE_HOME/xport/rust (default ~/.cache/xport/rust), keyed by a digest of everything
// they depend on (rustc -vV, the resolved profile, the linker command), so a new toolchain or a
// changed profile gets a fresh entry and an unchanged one is reused.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "util/process.hpp"

namespace xport::rust {

// $XDG_CACHE_HOME/xport/rust, or $HOME/.cache/xport/rust.
std::filesystem::path cache_root(const util::Environment& env);

// A short, stable digest (first 16 hex digits of SHA-256) of the parts, each length-prefixed so
// that ("ab","c") and ("a","bc") differ.
std::string digest(const std::vector<std::string_view>& parts);

// An exclusive lock on `file` (created with its folder when missing), held for the object's
// lifetime: one build of a cached folder at a time, across processes.
class FolderLock {
public:
  explicit FolderLock(const std::filesystem::path& file);
  ~FolderLock();
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

private:
  int fd_ = -1;
};

} // namespace xport::rust
