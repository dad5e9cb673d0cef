// Finding a program's NEEDED libraries inside a sysroot folder the way the target's loader
// would: the RUNPATH/RPATH entries and the profile's library dirs, then lib, usr/lib and
// usr/local/lib, every one taken relative to the sysroot. Absolute symbolic links inside the
// sysroot (usr/lib/libc.so -> /lib/libc.so.7) are followed relative to the sysroot, not the host.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xport::elf {

class LibrarySearch {
public:
  LibrarySearch(std::filesystem::path sysroot, const std::vector<std::string>& profile_dirs);

  // Adds RUNPATH/RPATH entries (absolute paths, taken inside the sysroot; $ORIGIN entries skipped).
  void add_run_paths(const std::vector<std::string>& paths);

  // The library file for a DT_NEEDED name, or nothing.
  std::optional<std::filesystem::path> find(std::string_view needed) const;

  // The folders searched, relative to the sysroot ("usr/lib"), for messages.
  std::vector<std::string> searched() const;

private:
  std::filesystem::path sysroot_;
  std::vector<std::string> dirs_;
};

// "/usr/lib:/opt/lib" (DT_RUNPATH/DT_RPATH) -> {"/usr/lib", "/opt/lib"}; empty entries dropped.
std::vector<std::string> split_search_path(std::string_view text);

// `path` (inside `sysroot`) with every symbolic link resolved relative to the sysroot; nothing
// when it does not exist or a link leads outside or loops.
std::optional<std::filesystem::path> resolve_in_sysroot(const std::filesystem::path& sysroot,
                                                        const std::filesystem::path& relative);

} // namespace xport::elf
