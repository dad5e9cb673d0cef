// See input_file.hpp.
#include "util/input_file.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace xport::util {
namespace {

Failure not_regular(mode_t mode) {
  bool endless = S_ISFIFO(mode) || S_ISCHR(mode) || S_ISSOCK(mode);
  return fail("it is {}, not a regular file{}", file_kind(mode),
              endless ? " (reading it could block or never end)" : "");
}

bool accepted(mode_t mode, BlockDevices block_devices) {
  return S_ISREG(mode) || (S_ISBLK(mode) && block_devices == BlockDevices::accepted);
}

} // namespace

std::string file_kind(mode_t mode) {
  switch (mode & S_IFMT) {
  case S_IFREG:
    return "a regular file";
  case S_IFDIR:
    return "a directory";
  case S_IFLNK:
    return "a symbolic link";
  case S_IFIFO:
    return "a FIFO (named pipe)";
  case S_IFSOCK:
    return "a socket";
  case S_IFCHR:
    return "a character device";
  case S_IFBLK:
    return "a block device";
  default:
    return "a file of an unknown kind";
  }
}

Result<int> open_regular_file(const std::filesystem::path& path, BlockDevices block_devices) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    return fail("{}", std::strerror(errno));
  if (!accepted(st.st_mode, block_devices))
    return not_regular(st.st_mode);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0)
    return fail("{}", std::strerror(errno));
  if (::fstat(fd, &st) != 0) {
    int saved = errno;
    ::close(fd);
    return fail("{}", std::strerror(saved));
  }
  if (!accepted(st.st_mode, block_devices)) { // swapped since the stat
    ::close(fd);
    return not_regular(st.st_mode);
  }
  int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0 || ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
    int saved = errno;
    ::close(fd);
    return fail("{}", std::strerror(saved));
  }
  return fd;
}

} // namespace xport::util
