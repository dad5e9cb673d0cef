// Finding linker scripts among a sysroot's *.so files and the absolute paths they name. The
// grammar is GNU ld's (https://sourceware.org/binutils/docs/ld/File-Commands.html); only file
// names matter here, so a token scan that skips comments is enough.
#include "sysroot/linker_script.hpp"

#include <fstream>

namespace xport::sysroot {

constexpr uint64_t max_script_size = 64 * 1024;
constexpr std::string_view treatment =
    "unmodified: lld resolves absolute paths in a script inside --sysroot against the sysroot";

std::vector<std::string> absolute_paths_in_script(std::string_view text) {
  std::vector<std::string> paths;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 2, "/*") == 0) {
      std::size_t end = text.find("*/", i + 2);
      i = end == std::string_view::npos ? text.size() : end + 2;
      continue;
    }
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == ')' || c == ',') {
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < text.size() &&
           std::string_view(" \t\r\n(),").find(text[i]) == std::string_view::npos)
      ++i;
    std::string_view token = text.substr(start, i - start);
    if (token.starts_with('/') && !token.starts_with("/*"))
      paths.emplace_back(token);
  }
  return paths;
}

std::vector<LinkerScript> find_linker_scripts(const std::filesystem::path& root,
                                              const std::vector<FileRecord>& files) {
  std::vector<LinkerScript> scripts;
  for (const FileRecord& f : files) {
    if (f.kind != MemberKind::file || !f.path.ends_with(".so") || f.size > max_script_size ||
        f.size < 4)
      continue;
    std::ifstream in(root / f.path, std::ios::binary);
    std::string text(f.size, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (text.starts_with("\x7f"
                         "ELF"))
      continue;
    if (text.find("GROUP") == std::string::npos && text.find("INPUT") == std::string::npos)
      continue;
    scripts.push_back({f.path, absolute_paths_in_script(text), std::string(treatment)});
  }
  return scripts;
}

} // namespace xport::sysroot
