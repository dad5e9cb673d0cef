// One copy of each file in the store. After an import has written a sysroot (still in its
// temporary folder), every regular file is made a hardlink of an entry in the store's file area,
// named by its digest and mode: sysroots/.files/<algorithm>/<2 hex>/<rest>-<mode>. A file whose
// entry exists already (the same FreeBSD base imported for two targets) is compared byte for byte
// with it (the digest may be XXH3, which is no defence against a crafted collision) and then
// replaced by a link to it; otherwise the file becomes the entry. Hardlinks within the sysroot
// follow the file they share data with.
//
// An entry no sysroot links to any more (link count 1) is garbage: collect_unused_files removes it
// after a removal or a replaced import. That needs no lock: a concurrent import that links to an
// entry in between only keeps its own copy (the name goes, the data stays with its links).
//
// A filesystem without hardlinks (or a link count at its limit) keeps that file as a copy.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "sysroot/manifest.hpp"
#include "util/digest.hpp"

namespace xport::sysroot {

struct SharingResult {
  std::size_t linked = 0;      // files that were already in the area
  std::size_t added = 0;       // files that became new entries
  uint64_t bytes_shared = 0;   // the data of `linked`: what the store did not write twice
  std::size_t kept_copies = 0; // files left as they were (no hardlinks there)
};

// `files` are the sysroot's records (paths relative to `root`), `area` the store's file area.
SharingResult share_files(const std::filesystem::path& root, const std::vector<FileRecord>& files,
                          util::DigestAlgorithm digest, const std::filesystem::path& area);

// Removes the entries of `area` that no sysroot links to; returns how many.
std::size_t collect_unused_files(const std::filesystem::path& area);

} // namespace xport::sysroot
