// Linker scripts that stand in for shared libraries: glibc's libc.so is
//   GROUP ( /lib/x86_64-linux-gnu/libc.so.6 /usr/lib/x86_64-linux-gnu/libc_nonshared.a ... )
// and FreeBSD's is GROUP ( /lib/libc.so.7 /usr/lib/libc_nonshared.a ... ). The absolute paths are
// the target's, not the build machine's. lld resolves an absolute path in a script against
// --sysroot when the script itself lies inside the sysroot (lld/ELF/ScriptParser.cpp,
// ScriptParser::addFile), so they are left unmodified; the manifest lists them and what they name.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "sysroot/manifest.hpp"

namespace xport::sysroot {

// The absolute paths named in a linker script's text (INPUT, GROUP, AS_NEEDED), in order.
std::vector<std::string> absolute_paths_in_script(std::string_view text);

// Every *.so among `files` under `root` that is a text linker script rather than an ELF file.
std::vector<LinkerScript> find_linker_scripts(const std::filesystem::path& root,
                                              const std::vector<FileRecord>& files);

} // namespace xport::sysroot
