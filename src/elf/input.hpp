// Opening what the user named: a file is mapped read-only and split into the ELF images it holds
// (itself, or each member of an `ar` archive), so the commands handle both the same way.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace xport::elf {

// A read-only memory mapping of a whole file; unmapped on destruction.
class MappedFile {
public:
  // Throws xport::Error naming the path when it cannot be opened or mapped.
  explicit MappedFile(const std::filesystem::path& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::span<const uint8_t> bytes() const { return {data_, size_}; }

private:
  const uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
};

struct Image {
  std::string name;   // "hw" or "libfoo.a(bar.o)": what findings and errors call it
  std::string member; // "bar.o" for an archive member, "" otherwise
  std::span<const uint8_t> bytes;
};

struct Input {
  std::filesystem::path path;
  std::shared_ptr<MappedFile> file;
  bool archive = false;
  std::vector<Image> images;
};

// Maps the file and lists its images. An archive yields one image per member; a file that is
// neither ELF nor an archive is an error naming it and what it looks like.
Input open_input(const std::filesystem::path& path);

} // namespace xport::elf
