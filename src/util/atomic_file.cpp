// Whole-file writes through a rename, and whole-file reads (see atomic_file.hpp).
#include "util/atomic_file.hpp"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include <fmt/format.h>

#include "util/error.hpp"

namespace xport::util {

namespace fs = std::filesystem;

void write_file_atomically(const fs::path& file, std::string_view content, bool executable) {
  static std::atomic<unsigned> counter = 0;
  std::error_code ec;
  if (!file.parent_path().empty())
    fs::create_directories(file.parent_path(), ec);
  fs::path temporary = file;
  temporary += fmt::format(".tmp.{}.{}", ::getpid(), ++counter);
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) {
      fs::remove(temporary, ec);
      throw Error("cannot write {}: {}; check that its folder is writable", file.string(),
                  std::strerror(errno));
    }
  }
  if (executable)
    fs::permissions(temporary,
                    fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                        fs::perms::others_read | fs::perms::others_exec,
                    ec);
  fs::rename(temporary, file, ec);
  if (ec) {
    fs::remove(temporary, ec);
    throw Error("cannot write {}: {}", file.string(), ec.message());
  }
}

Result<std::string> try_read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    return fail("cannot read {}: {}", file.string(), std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string read_file(const fs::path& file) {
  return try_read_file(file).value();
}

} // namespace xport::util
