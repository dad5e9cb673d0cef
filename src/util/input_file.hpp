// Opening a file the user named for reading, without ever blocking on it: a FIFO's open(2) waits
// for a writer and its reads never end, a terminal waits for typing, /dev/zero never ends. Such a
// path is refused by its kind, first by stat(2) (nothing is opened), then again by fstat(2) on a
// descriptor opened with O_NONBLOCK, so a file swapped for a FIFO in between is refused too.
#pragma once

#include <filesystem>
#include <string>
#include <sys/types.h>

#include "util/result.hpp"

namespace xport::util {

// What a file of `mode` is, for messages: "a FIFO (named pipe)", "a character device"...
std::string file_kind(mode_t mode);

enum class BlockDevices { refused, accepted };

// An open descriptor (O_RDONLY, O_CLOEXEC, blocking reads) of the regular file at `path` (or of a
// block device, when accepted: an optical drive holding an ISO image). The failure says what the
// path is instead, or the OS's reason ("No such file or directory"), without the path.
Result<int> open_regular_file(const std::filesystem::path& path,
                              BlockDevices block_devices = BlockDevices::refused);

} // namespace xport::util
