// A sysroot's pkg-config folders (see pkg_config.hpp).
#include "sysroot/pkg_config.hpp"

namespace xport::sysroot {

namespace fs = std::filesystem;

std::vector<fs::path> pkg_config_dirs(const FoundSysroot& sysroot) {
  std::vector<fs::path> dirs;
  for (const std::string& lib : sysroot.layout.library_dirs)
    if (lib != sysroot.layout.gcc_dir)
      dirs.push_back(sysroot.root / lib / "pkgconfig");
  std::error_code ec;
  for (const char* shared : {"usr/share/pkgconfig", "usr/local/share/pkgconfig",
                             "usr/libdata/pkgconfig", "usr/local/libdata/pkgconfig"})
    if (fs::is_directory(sysroot.root / shared, ec) ||
        std::string_view(shared) == "usr/share/pkgconfig")
      dirs.push_back(sysroot.root / shared);
  return dirs;
}

std::string pkg_config_libdir(const FoundSysroot& sysroot) {
  std::string out;
  for (const fs::path& d : pkg_config_dirs(sysroot))
    out += (out.empty() ? "" : ":") + d.string();
  return out;
}

} // namespace xport::sysroot
