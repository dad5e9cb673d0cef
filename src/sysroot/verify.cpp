// `xport sysroot verify`: re-hash every file of a sysroot and compare the tree with its manifest,
// reporting every changed, missing and extra path (not just the first).
#include <map>
#include <sys/stat.h>
#include <system_error>

#include "sysroot/store.hpp"
#include "util/digest.hpp"
#include "util/error.hpp"

namespace xport::sysroot {
namespace fs = std::filesystem;
namespace {

std::string short_hash(const std::string& sha) {
  return sha.substr(0, 12);
}

} // namespace

VerifyReport Store::verify(std::string_view name) const {
  Sysroot sysroot = get(name);
  VerifyReport report;
  report.name = sysroot.name;
  std::map<std::string, const FileRecord*> expected;
  for (const FileRecord& f : sysroot.manifest.files)
    expected[f.path] = &f;

  std::error_code ec;
  std::map<std::string, bool> seen;
  for (fs::recursive_directory_iterator it(sysroot.root, ec), end; !ec && it != end;
       it.increment(ec)) {
    std::string path = it->path().lexically_relative(sysroot.root).string();
    seen[path] = true;
    if (!expected.contains(path))
      report.extra.push_back({path, "not in the manifest"});
  }
  if (ec)
    throw Error("cannot read the sysroot '{}': {}", sysroot.root.string(), ec.message());

  for (const auto& [path, record] : expected) {
    ++report.checked;
    fs::path file = sysroot.root / path;
    struct stat st {};
    if (!seen.contains(path) || ::lstat(file.c_str(), &st) != 0) {
      report.missing.push_back({path, "was a " + to_string(record->kind)});
      continue;
    }
    std::string special;
    MemberKind on_disk = member_kind_of_mode(st.st_mode, special);
    MemberKind want = record->kind == MemberKind::hardlink ? MemberKind::file : record->kind;
    if (on_disk != want) {
      report.changed.push_back(
          {path, "was a " + to_string(record->kind) + ", is a " + to_string(on_disk)});
      continue;
    }
    if (want == MemberKind::symlink) {
      std::string target = fs::read_symlink(file, ec).string();
      if (target != record->target)
        report.changed.push_back({path, "link was '" + record->target + "', is '" + target + "'"});
    } else if (want == MemberKind::file) {
      uint32_t mode = st.st_mode & 07777;
      if (static_cast<uint64_t>(st.st_size) != record->size) {
        report.changed.push_back(
            {path, fmt::format("size was {}, is {}", record->size, st.st_size)});
      } else if (std::string digest = util::digest_file(file, sysroot.manifest.file_digest);
                 digest != record->digest) {
        report.changed.push_back(
            {path,
             fmt::format("{} was {}..., is {}...", util::digest_name(sysroot.manifest.file_digest),
                         short_hash(record->digest), short_hash(digest))});
      } else if (mode != record->mode) {
        report.changed.push_back(
            {path, fmt::format("mode was {:04o}, is {:04o}", record->mode, mode)});
      }
    }
  }
  return report;
}

} // namespace xport::sysroot
