// Mapping input files and splitting archives into their members.
#include "elf/input.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elf/archive.hpp"
#include "elf/elf_file.hpp"
#include "util/error.hpp"
#include "util/input_file.hpp"

namespace xport::elf {

MappedFile::MappedFile(const std::filesystem::path& path) {
  Result<int> opened = util::open_regular_file(path);
  if (!opened)
    throw Error("{}: cannot read it: {}; give an ELF file or an .a archive", path.string(),
                opened.error());
  int fd = *opened;
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    throw Error("{}: cannot read it: {}", path.string(), std::strerror(err));
  }
  size_ = static_cast<std::size_t>(st.st_size);
  if (size_ > 0) {
    void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      int err = errno;
      ::close(fd);
      throw Error("{}: cannot map {} bytes: {}", path.string(), size_, std::strerror(err));
    }
    data_ = static_cast<const uint8_t*>(p);
  }
  ::close(fd);
}

MappedFile::~MappedFile() {
  if (data_)
    ::munmap(const_cast<uint8_t*>(data_), size_);
}

Input open_input(const std::filesystem::path& path) {
  Input input;
  input.path = path;
  input.file = std::make_shared<MappedFile>(path);
  std::span<const uint8_t> bytes = input.file->bytes();
  const std::string name = path.string();
  if (has_archive_magic(bytes)) {
    input.archive = true;
    for (ArchiveMember& m : read_archive(name, bytes))
      input.images.push_back({std::move(m.full_name), std::move(m.name), m.bytes});
    return input;
  }
  if (!ElfFile::has_elf_magic(bytes))
    throw Error(
        "{}: offset 0x0: not an ELF file or ar archive (it starts with {}); give an "
        "executable, shared object, object file or .a archive",
        name,
        bytes.empty()
            ? std::string("nothing: the file is empty")
            : fmt::format("{:02x}",
                          fmt::join(bytes.first(std::min<std::size_t>(4, bytes.size())), " ")));
  input.images.push_back({name, "", bytes});
  return input;
}

} // namespace xport::elf
