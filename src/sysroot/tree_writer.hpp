// Writes members into a sysroot folder that is being built, safely: it never follows a link it
// did not make, resolves paths through the links it made (with the folder as "/"), keeps every
// link inside the folder, hashes file data as it is written and stops a member that grows past
// the size limit. It also keeps the record of every path it wrote, for the manifest.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "sysroot/importer.hpp"
#include "sysroot/manifest.hpp"
#include "sysroot/member.hpp"
#include "sysroot/ordered_file_writes.hpp"
#include "util/digest.hpp"

namespace xport::sysroot {

class TreeWriter {
public:
  // `max_total_size`: what all files together may expand to (0 = no limit). Files are hashed with
  // `digest` as they are written.
  TreeWriter(std::filesystem::path root, uint64_t max_member_size, uint64_t max_total_size = 0,
             util::DigestAlgorithm digest = util::DigestAlgorithm::xxh3_128);

  // Refuses, with "not enough free space" and the figures, what would write more than `space`
  // can take (its usable bytes less what a seeded sysroot holds already is not counted: only
  // what this writer writes).
  void limit_to(const FreeSpace& space) { space_ = space; }

  // Takes over a sysroot that is already in the folder (its manifest's records, trusted: xport
  // wrote them), so that members are layered onto it: its links are resolved as the writer's own,
  // its files are replaced like an earlier medium's. Later members are recorded with their medium
  // index plus `medium_offset` (the sysroot's media come first).
  void seed(const std::vector<FileRecord>& records, std::size_t medium_offset);

  // `name` is a normalised member name; `where` names the medium and member for errors.
  void add_directory(const std::string& name, std::size_t medium, const std::string& where);
  void add_file(const std::string& name, uint32_t mode, uint64_t declared_size, MemberData& data,
                std::size_t medium, const std::string& where);
  // `text` is the link as stored in the medium; it is rewritten relative (member_path.hpp).
  void add_symlink(const std::string& name, const std::string& text, std::size_t medium,
                   const std::string& where);
  // `target` is the normalised member name the hardlink shares data with. Returns false when
  // that member is not in the tree (not selected, or not read yet).
  bool add_hardlink(const std::string& name, const std::string& target, std::size_t medium,
                    const std::string& where);

  // Waits until everything added is on disk; throws the first write's error. Until then the
  // folder may lag behind the records (the writing is done on a thread of its own).
  void finish();

  // The physical path (no link components) that `path` names inside the tree.
  // Throws xport::Error, starting with `where`, on a link loop.
  std::string resolve(const std::string& path, bool follow_last,
                      const std::string& where = "") const;
  const FileRecord* find(const std::string& physical_path) const;

  const std::filesystem::path& root() const { return root_; }
  const std::map<std::string, FileRecord>& records() const { return records_; }
  uint64_t bytes_written() const { return bytes_written_; }
  uint64_t files_written() const { return files_written_; }

private:
  void ensure_directory(const std::string& physical, const std::string& where);
  // Throws when `total` bytes written in all would pass a limit (the bomb's or the disk's).
  void check_total(uint64_t total, uint64_t adding, bool declared, const std::string& where) const;
  // Parent made, an older non-folder entry at the path removed: returns the physical path.
  std::string prepare_leaf(const std::string& name, const std::string& where);

  std::filesystem::path root_;
  uint64_t max_member_size_;
  uint64_t max_total_size_;
  std::optional<FreeSpace> space_;
  util::Digest digest_;
  std::map<std::string, FileRecord> records_;
  // Physical path -> root-relative target; looked up by string_view.
  std::map<std::string, std::string, std::less<>> symlinks_;
  std::set<std::string> directories_;
  uint64_t bytes_written_ = 0;
  uint64_t files_written_ = 0;
  std::size_t medium_offset_ = 0;
  OrderedFileWrites writes_; // last: it finishes or abandons its work before the rest goes
};

} // namespace xport::sysroot
