// What xport-abi-reader may touch while libclang parses a sysroot's headers, which are the
// sysroot's, not ours: a header may `#include "/etc/passwd"` or `"../../../../home/me/.netrc"`,
// or define a macro whose expansion doubles at each step. So, before anything is parsed:
// - Landlock (Linux 5.13+, landlock(7)) restricts the process to reading files and folders
//   beneath the sysroot, the folders its flags name and clang's resource folder, and to writing
//   nothing: an include that leaves them fails to open, as a missing file would. Where the
//   kernel has no Landlock, read_headers.cpp still leaves out every header that brought in a file
//   from elsewhere, and shows nothing of that file.
// - RLIMIT_AS and RLIMIT_CPU bound the memory and time the whole reading may take.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace xport::abi {

inline constexpr uint64_t reader_memory_limit = uint64_t{4} << 30; // address space, bytes
inline constexpr unsigned reader_cpu_seconds = 600;

// The folders that reading may see: `sysroot`, the absolute paths in `flags` (-isystem DIR,
// --sysroot=DIR...) and clang's resource folder, as libclang finds it for `compiler` (argv[0]).
std::vector<std::string> readable_roots(const std::string& sysroot, const std::string& compiler,
                                        const std::vector<std::string>& flags);

// Restricts this process (and the threads it starts later) to reading beneath `roots`.
// Returns "" when done, else why not ("the kernel has no Landlock"): not an error, the
// inclusion check in read_headers.cpp stands alone then.
std::string restrict_reading_to(const std::vector<std::string>& roots);

// Sets the memory and CPU limits above.
void limit_resources();

} // namespace xport::abi
