// sysroot.json: what a sysroot in the store is and where it came from. Written once, when an
// import completes; read by list/show/verify and by the driver (through Store::find). The format
// is described in docs/sysroots.md; "format" is bumped on incompatible changes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sysroot/layout.hpp"
#include "sysroot/member.hpp"
#include "util/digest.hpp"

namespace xport::sysroot {

// 2: files carry "digest" in the manifest's "file_digest" algorithm (XXH3-128 unless asked for
// SHA-256), media "xxh3_128" and, when computed, "sha256". Format 1 (SHA-256 everywhere) is read.
inline constexpr int manifest_format = 2;

struct FileRecord {
  std::string path;                   // relative to the sysroot's root
  MemberKind kind = MemberKind::file; // file, directory, symlink or hardlink
  uint64_t size = 0;
  uint32_t mode = 0;
  std::string digest;     // files and hardlinks, in Manifest::file_digest's algorithm
  std::string target;     // symlink text, or the path a hardlink shares its data with
  std::size_t medium = 0; // index into Manifest::media
};

// Where `sysroot fetch` found a medium and what vouched for it, so that the sysroot says it later.
struct MediumOrigin {
  std::string url;       // "" for a medium the user gave
  std::string published; // the checksum list's digest it matched: "sha256:<hex>"
  std::string pinned;    // the profile's or --expect-sha256's digest it matched; "" = none
  std::string signed_by; // the signify key that verified the list ("openbsd-78-base"); "" = none
};

struct MediumRecord {
  std::string path;   // absolute path at import time
  std::string format; // "ISO9660 with Rockridge extensions", "deb: data.tar.xz, GNU tar format"
  uint64_t size = 0;
  std::string xxh3_128; // the whole medium file; "" for folders and media that were not hashed
  std::string sha256;   // only when asked (--expect-sha256); "" otherwise
  MediumOrigin origin;
};

struct ImportSettings {
  bool all = false;
  uint64_t max_member_size = 0;
};

struct LinkerScript {
  std::string path;                  // "usr/lib/libc.so"
  std::vector<std::string> absolute; // absolute paths it names
  std::string treatment;             // "unmodified: lld resolves absolute paths inside --sysroot"
};

// What one import or one `sysroot add` brought: its media (indices into Manifest::media).
struct Layer {
  std::string added_at; // UTC, ISO 8601
  std::vector<std::size_t> media;
  std::size_t entries = 0; // files and links it wrote (replacing earlier ones included)
};

struct Manifest {
  int format = manifest_format;
  std::string name;
  std::string target;
  std::string xport_version;
  std::string imported_at; // UTC, ISO 8601
  std::vector<MediumRecord> media;
  util::DigestAlgorithm file_digest = util::DigestAlgorithm::xxh3_128;
  ImportSettings settings;
  Layout layout;
  std::vector<LinkerScript> linker_scripts;
  std::vector<std::string> warnings; // neutralised set-id bits ...
  // The import first, then each `sysroot add`; a manifest without them has one of all its media.
  std::vector<Layer> layers;
  std::vector<FileRecord> files; // sorted by path
  uint64_t total_bytes() const;
  std::size_t entry_count() const; // files and links, not folders
};

std::string to_string(MemberKind kind);

nlohmann::json to_json(const Manifest& manifest);
// Throws xport::Error naming `origin` (the file) when the JSON does not describe a manifest.
Manifest manifest_from_json(const nlohmann::json& json, const std::string& origin);

void write_manifest(const Manifest& manifest, const std::filesystem::path& file);
Manifest read_manifest(const std::filesystem::path& file);

} // namespace xport::sysroot
