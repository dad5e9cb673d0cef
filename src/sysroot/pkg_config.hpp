// Where a sysroot keeps its pkg-config files, for everything that runs pkg-config for the target
// (the <target>-pkg-config link, the emitted build files): the sysroot's folders replace the
// host's, as with Debian's cross pkg-config.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sysroot/lookup.hpp"

namespace xport::sysroot {

// A sysroot's pkgconfig folders, absolute, in search order: <library folder>/pkgconfig for each
// of the layout's library folders (usr/lib/<triplet>, usr/<triplet>/lib, usr/lib ...), then
// usr/share/pkgconfig, usr/local/share/pkgconfig and FreeBSD's usr/libdata/pkgconfig and
// usr/local/libdata/pkgconfig where they exist.
std::vector<std::filesystem::path> pkg_config_dirs(const FoundSysroot& sysroot);

// PKG_CONFIG_LIBDIR for a sysroot: its pkgconfig folders (pkg_config_dirs), never the host's.
std::string pkg_config_libdir(const FoundSysroot& sysroot);

} // namespace xport::sysroot
