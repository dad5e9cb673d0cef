// Member names and link targets from untrusted media, made safe for a sysroot. A member name
// becomes a clean relative path ("./usr/include//stdio.h" -> "usr/include/stdio.h"); absolute
// names and any ".." component are refused, as bsdtar does by default. A symlink target is
// resolved lexically against the link's folder with the sysroot as "/", refused when it climbs
// out, and rewritten as the shortest relative path ("/lib/libc.so.6" seen from "usr/lib" becomes
// "../../lib/libc.so.6"). Written that way, every link the sysroot holds has its ".."s first and
// no more of them than its folder is deep, so the kernel's resolution stays inside the root too.
#pragma once

#include <string>
#include <string_view>

#include "util/result.hpp"

namespace xport::sysroot {

// The root itself normalises to "" (a "./" entry), which callers skip.
Result<std::string> normalize_member_name(std::string_view raw);

// The folder part of a normalised path ("usr/lib/libc.so" -> "usr/lib", "libc.so" -> "").
std::string_view parent_of(std::string_view path);
std::string_view leaf_of(std::string_view path);

// The root-relative path a symlink at `link_path` (normalised) with `target` points at.
// Fails when the target leaves the root or is empty.
Result<std::string> link_target_in_root(std::string_view link_path, std::string_view target);

// The relative text for a symlink at `link_path` that points at root-relative `target`.
std::string relative_link_text(std::string_view link_path, std::string_view target);

// Both steps: the text a symlink in the sysroot gets for a target read from a medium.
Result<std::string> rewrite_link(std::string_view link_path, std::string_view target);

} // namespace xport::sysroot
