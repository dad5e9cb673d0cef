// Which members of a medium go into a sysroot. By default only what compiling and linking for the
// target needs: the profile's include, library and start-file folders plus the places every
// sysroot keeps them (usr/include, lib, usr/lib, gcc's folders, Debian multiarch and cross
// layouts); in header folders everything, in library folders the files a linker reads (objects,
// archives, shared libraries and their symlinks, linker scripts named *.so, pkg-config files), and
// the dynamic linker. `--all` takes every member. The rules are a table (selection.cpp), so what
// is taken can be read in one place and is listed in docs/sysroots.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sysroot/member.hpp"
#include "target/profile.hpp"

namespace xport::sysroot {

class Selection {
public:
  Selection(const target::Profile& profile, bool all);

  // `path` is a normalised member name (see member_path.hpp).
  bool wants(std::string_view path, MemberKind kind) const;
  bool takes_everything() const { return all_; }

private:
  bool all_;
  // Folder patterns, one fnmatch(3) pattern per path component ("usr/lib/gcc*").
  std::vector<std::vector<std::string>> trees_;     // everything below
  std::vector<std::vector<std::string>> libraries_; // library-like files directly inside
  std::vector<std::string> exact_;                  // single files (the dynamic linker)
};

// True for names a linker or pkg-config reads: *.o *.a *.so *.so.N... *.pc *.spec.
bool is_library_like(std::string_view file_name);

} // namespace xport::sysroot
