// Folder media: an unpacked tree (a mounted image someone already has, a staging folder). Walked
// without following symlinks; files that share an inode are presented as hardlinks to the first
// name seen, as tar would store them.
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <memory>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

#include "sysroot/media.hpp"
#include "util/error.hpp"

namespace xport::sysroot {
namespace fs = std::filesystem;

namespace {

class FileData : public MemberData {
public:
  FileData(fs::path file, std::string where) : file_(std::move(file)), where_(std::move(where)) {}
  ~FileData() override {
    if (fd_ >= 0)
      ::close(fd_);
  }
  // Opened on the first read: members the selection skips cost no open(2).
  bool next_block(const void*& data, std::size_t& size, uint64_t& offset) override {
    if (fd_ < 0) {
      fd_ = ::open(file_.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
      if (fd_ < 0)
        throw Error("{}: cannot read it: {}", where_, std::strerror(errno));
      buffer_.reset(new char[buffer_size]);
    }
    ssize_t n;
    do
      n = ::read(fd_, buffer_.get(), buffer_size);
    while (n < 0 && errno == EINTR);
    if (n < 0)
      throw Error("{}: cannot read it: {}", where_, std::strerror(errno));
    if (n == 0)
      return false;
    data = buffer_.get();
    size = static_cast<std::size_t>(n);
    offset = position_;
    position_ += size;
    return true;
  }
  uint64_t medium_bytes_read() const override { return 0; }

private:
  static constexpr std::size_t buffer_size = 1 << 20;
  fs::path file_;
  int fd_ = -1;
  std::unique_ptr<char[]> buffer_;
  uint64_t position_ = 0;
  std::string where_;
};

class NoData : public MemberData {
public:
  bool next_block(const void*&, std::size_t&, uint64_t&) override { return false; }
  uint64_t medium_bytes_read() const override { return 0; }
};

} // namespace

MemberKind member_kind_of_mode(uint32_t mode, std::string& special) {
  static const std::map<mode_t, const char*> specials = {{S_IFCHR, "character device"},
                                                         {S_IFBLK, "block device"},
                                                         {S_IFIFO, "FIFO"},
                                                         {S_IFSOCK, "socket"}};
  switch (mode & S_IFMT) {
  case S_IFREG:
    return MemberKind::file;
  case S_IFDIR:
    return MemberKind::directory;
  case S_IFLNK:
    return MemberKind::symlink;
  }
  auto it = specials.find(mode & S_IFMT);
  special = it != specials.end() ? it->second : "file of unknown type";
  return MemberKind::special;
}

std::string read_folder(const MediumSource& medium, const MemberVisitor& visit) {
  std::map<std::pair<dev_t, ino_t>, std::string> first_name_of_inode;
  std::error_code ec;
  fs::recursive_directory_iterator it(medium.path, fs::directory_options::none, ec);
  if (ec)
    throw Error("medium '{}': cannot read the folder: {}", medium.display, ec.message());
  std::size_t count = 0;
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec)
      throw Error("medium '{}': cannot read the folder: {}", medium.display, ec.message());
    const fs::path& path = it->path();
    std::string where = "medium '" + medium.display + "', member '" +
                        path.lexically_relative(medium.path).string() + "'";
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0)
      throw Error("{}: {}", where, std::strerror(errno));
    Member m;
    m.name = path.lexically_relative(medium.path).string();
    m.kind = member_kind_of_mode(st.st_mode, m.special);
    m.mode = st.st_mode & 07777;
    ++count;
    if (m.kind == MemberKind::symlink) {
      m.link = fs::read_symlink(path, ec).string();
      if (ec)
        throw Error("{}: cannot read the link: {}", where, ec.message());
    }
    if (m.kind == MemberKind::file && st.st_nlink > 1) {
      auto [pos, inserted] = first_name_of_inode.try_emplace({st.st_dev, st.st_ino}, m.name);
      if (!inserted) {
        m.kind = MemberKind::hardlink;
        m.link = pos->second;
      }
    }
    if (m.kind == MemberKind::file) {
      m.size = static_cast<uint64_t>(st.st_size);
      FileData data(path, where);
      visit(m, data);
    } else {
      NoData data;
      visit(m, data);
    }
  }
  if (count == 0)
    throw Error("medium '{}' is an empty folder; nothing to import", medium.display);
  return "folder";
}

} // namespace xport::sysroot
