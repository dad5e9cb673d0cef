// Finding a program's NEEDED libraries the way the target's loader would, when the program runs
// with the sysroot as its "/" (qemu-user's -L, or a deployed system):
// - the requesting file's RUNPATH/RPATH entries: `$ORIGIN` is the folder the file is in on this
//   machine; an absolute entry is looked up under the sysroot's runtime root first, then on this
//   machine as it is (a build tree's RUNPATH is a folder of this machine, which qemu-user reaches
//   when the sysroot does not shadow it);
// - folders given with --lib-dir (on this machine, like LD_LIBRARY_PATH);
// - files named on the same command line, by soname and file name;
// - the sysroot layout's library folders (Debian's cross and multiarch folders included).
// A candidate for another machine, class or byte order is passed over, as the loader does.
// Absolute symbolic links inside the sysroot (usr/lib/libc.so -> /lib/libc.so.7) are followed
// relative to the sysroot, not this machine.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xport::elf {

// Where in a sysroot the libraries are (from sysroot::Layout; elf does not depend on it).
struct SysrootPlaces {
  std::filesystem::path root;
  std::string runtime_root;              // relative to root: the target's "/" ("" = the root)
  std::vector<std::string> library_dirs; // relative to root, in search order
  std::vector<std::string> startfile_dirs;
};

// One folder to look in: inside the sysroot (root = the sysroot) or on this machine (root = "/").
struct SearchDir {
  std::filesystem::path root;
  std::string dir; // relative to root
  bool on_host() const { return root == "/"; }
  std::string shown() const; // "usr/lib" inside the sysroot, "/home/me/build" on this machine
};

class LibrarySearch {
public:
  // `host_dirs` (--lib-dir) come before the sysroot's folders; `named_files` maps a soname or
  // file name to a file named on the command line.
  LibrarySearch(SysrootPlaces sysroot, std::vector<std::filesystem::path> host_dirs = {},
                std::map<std::string, std::filesystem::path, std::less<>> named_files = {});

  // The folders a file's RUNPATH/RPATH entries name; `origin` is the file's folder on this machine
  // ("" when unknown: `$ORIGIN` entries are then skipped).
  std::vector<SearchDir> run_path_dirs(const std::vector<std::string>& entries,
                                       const std::filesystem::path& origin) const;

  // The file for a DT_NEEDED name: `first` (the requester's RUNPATH folders), then the search's
  // own places. `accept` judges a candidate (same machine); rejected candidates go to `rejected`.
  using Accept = std::function<bool(const std::filesystem::path&)>;
  std::optional<std::filesystem::path> find(std::string_view needed,
                                            const std::vector<SearchDir>& first,
                                            const Accept& accept,
                                            std::vector<std::filesystem::path>* rejected) const;

  // The places searched, for messages: "usr/lib, lib, /home/me/build/lib, the files named".
  std::string searched(const std::vector<SearchDir>& first) const;

  const SysrootPlaces& sysroot() const { return sysroot_; }

private:
  SysrootPlaces sysroot_;
  std::vector<SearchDir> dirs_; // --lib-dir, then the sysroot's folders
  std::size_t host_dir_count_ = 0;
  std::map<std::string, std::filesystem::path, std::less<>> named_;
};

// "/usr/lib:/opt/lib" (DT_RUNPATH/DT_RPATH) -> {"/usr/lib", "/opt/lib"}; empty entries dropped.
std::vector<std::string> split_search_path(std::string_view text);

// `path` (inside `sysroot`) with every symbolic link resolved relative to the sysroot; nothing
// when it does not exist or a link leads outside or loops.
std::optional<std::filesystem::path> resolve_in_sysroot(const std::filesystem::path& sysroot,
                                                        const std::filesystem::path& relative);

} // namespace xport::elf
