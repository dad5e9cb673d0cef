// The import pipeline: read each medium once, pick the members the selection wants, write them
// into a folder with TreeWriter, then pull in what the chosen links and hardlinks need from the
// media (a second, targeted pass only when some link points at a member that was skipped). The
// folder is the caller's (the store gives a temporary one); this knows nothing about the store.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sysroot/manifest.hpp"
#include "sysroot/media.hpp"
#include "target/profile.hpp"

namespace xport::sysroot {

inline constexpr uint64_t default_max_member_size = uint64_t{4} << 30; // 4 GiB

// What the store's filesystem can take: its free space less a reserve kept free for everything
// else on it (5% of the filesystem, at most 256 MiB), as statvfs(3) tells at the import's start.
struct FreeSpace {
  std::filesystem::path where; // the folder asked about, for errors
  uint64_t free = 0, filesystem = 0, reserve = 0;
  uint64_t usable() const { return free > reserve ? free - reserve : 0; }
};
FreeSpace free_space_of(std::filesystem::path where, uint64_t free_bytes,
                        uint64_t filesystem_bytes);

struct ImportOptions {
  bool all = false;
  uint64_t max_member_size = default_max_member_size;
  // All files together, past which the media look like a decompression bomb; 0 = no limit.
  uint64_t max_total_size = 0;
  // What may be written before the filesystem runs short; none = not checked.
  std::optional<FreeSpace> space;
  bool hash_media = true; // XXH3-128 of each medium file, for the manifest
  // Per medium, in order: the SHA-256 it must have (hex), or "" for none; empty = none asked. A
  // mismatch fails the import.
  std::vector<std::string> expect_sha256;
  util::DigestAlgorithm file_digest = util::DigestAlgorithm::xxh3_128;
  std::filesystem::path digest_cache; // where medium digests are kept; empty = not kept
  // Layering onto a sysroot already in the folder: its manifest's files and how many media it
  // has (the new media's records are numbered after them). Null: the folder is empty.
  const std::vector<FileRecord>* base = nullptr;
  std::size_t base_media = 0;
};

// Told how an import goes; ImportProgressBar (terminal_progress.hpp) draws a bar from it.
class ImportObserver {
public:
  virtual ~ImportObserver() = default;
  virtual void progress(uint64_t medium_bytes_done, uint64_t medium_bytes_total,
                        uint64_t files_written) = 0;
};

struct ImportResult {
  std::vector<MediumRecord> media;
  std::vector<FileRecord> files; // sorted by path
  std::vector<LinkerScript> linker_scripts;
  std::vector<std::string> warnings;
};

// Imports `media` into the folder `root` (which must exist and be empty, or hold options.base).
// Throws xport::Error naming the medium and member on hostile or broken input; the folder is then
// left as it is, for the caller to remove.
ImportResult import_media(const std::filesystem::path& root, const std::vector<MediumSource>& media,
                          const target::Profile& profile, const ImportOptions& options,
                          ImportObserver* observer = nullptr);

} // namespace xport::sysroot
