// The sysroot store: $XPORT_HOME (default $XDG_DATA_HOME/xport, i.e. ~/.local/share/xport),
// or a folder given with --store. Layout:
//   sysroots/<name>/root/        the files: what clang's --sysroot points at
//   sysroots/<name>/sysroot.json the manifest (manifest.hpp)
//   sysroots/.<name>.lock        held during an import or removal of <name>
//   sysroots/.tmp-<name>-<pid>-<n>/  an import in progress (or a dead one, removed on next open)
//   sysroots/.files/<digest>/...  one copy of each file, hardlinked into the sysroots
// An import builds a temporary folder and renames it into place when complete, so a sysroot is
// either all there or absent, whatever happens to the process.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sysroot/importer.hpp"
#include "sysroot/manifest.hpp"
#include "target/profile.hpp"

namespace xport::sysroot {

// The store's paths (the layout above), spelled here alone: what a lookup (lookup.hpp) probes is
// what Store makes. `store` is the store's folder.
inline std::filesystem::path sysroots_folder(const std::filesystem::path& store) {
  return store / "sysroots";
}
// sysroots/<name>: a sysroot's folder, with its files in root/ and its manifest.
inline std::filesystem::path sysroot_folder(const std::filesystem::path& store,
                                            std::string_view name) {
  return sysroots_folder(store) / name;
}
// The files in a sysroot's folder (or in an import's temporary folder, which becomes one).
inline std::filesystem::path root_in(const std::filesystem::path& folder) {
  return folder / "root";
}
inline std::filesystem::path manifest_in(const std::filesystem::path& folder) {
  return folder / "sysroot.json";
}
// sysroots/<name>/root: what clang's --sysroot points at.
inline std::filesystem::path sysroot_root(const std::filesystem::path& store,
                                          std::string_view name) {
  return root_in(sysroot_folder(store, name));
}

struct Sysroot {
  std::string name;
  std::filesystem::path root; // pass as --sysroot
  std::filesystem::path dir;  // sysroots/<name>
  Manifest manifest;
  // What the import or add that returned it warned about (set-id bits cleared...), for the
  // command to print; the manifest keeps every layer's.
  std::vector<std::string> warnings;
};

struct ImportRequest {
  std::vector<std::filesystem::path> media;
  // Per medium, how errors and the manifest name it ("" = its path): a folder staged from what
  // the user gave (a symbol-ABI tree) is named after that.
  std::vector<std::string> recorded_as;
  std::string name; // "" = the target's name
  bool all = false;
  bool force = false; // replace a sysroot of that name (atomically) instead of refusing
  uint64_t max_member_size = default_max_member_size;
  // What the media may expand to in all before they look like a decompression bomb; 0 =
  // default_total_limit() of the media. The store's free space is checked besides (FreeSpace).
  uint64_t max_total_size = 0;
  std::vector<std::string> expect_sha256; // one per medium (--expect-sha256), or none
  std::vector<MediumOrigin> origins;      // one per medium fetched (sysroot fetch), or none
  util::DigestAlgorithm file_digest = util::DigestAlgorithm::xxh3_128;
  std::filesystem::path digest_cache; // medium digests kept by file identity; empty = none
};

// The default cap on what media may expand to, past which they look like a decompression bomb:
// the media's size times 64, at least 256 MiB. Free space is another limit (FreeSpace), with its
// own error.
uint64_t default_total_limit(uint64_t media_bytes);

struct VerifyProblem {
  std::string path;
  std::string detail; // "sha256 was ab12..., is 9f3e..."
};

struct VerifyReport {
  std::string name;
  std::size_t checked = 0;
  std::vector<VerifyProblem> changed, missing, extra;
  bool ok() const { return changed.empty() && missing.empty() && extra.empty(); }
};

class Store {
public:
  // Opens (and creates) the store; removes temporary folders left by killed imports.
  static Store open(const std::optional<std::filesystem::path>& dir = std::nullopt);
  // For lookups only (find, get, list): creates nothing and removes nothing; a store that does not
  // exist yet is empty.
  static Store open_for_reading(const std::filesystem::path& dir);
  // --store, else $XPORT_HOME, else $XDG_DATA_HOME/xport, else ~/.local/share/xport.
  static std::filesystem::path default_dir();

  const std::filesystem::path& dir() const { return dir_; }

  std::optional<Sysroot> find(std::string_view name) const;
  // Like find, but throws xport::Error (with "did you mean") when there is none.
  Sysroot get(std::string_view name) const;
  std::vector<Sysroot> list() const; // sorted by name

  // Imports media under request.name (default: profile.name). Waits for another import of the
  // same name (calling on_wait first); refuses an existing name unless request.force.
  Sysroot import(const target::Profile& profile, const ImportRequest& request,
                 ImportObserver* observer = nullptr, const std::function<void()>& on_wait = {});

  // Layers media onto the sysroot `name` (packages for its target: .deb, FreeBSD .pkg, tar,
  // folders), atomically: the sysroot is its old self or the new one, whatever happens. A later
  // file replaces the sysroot's at the same path; the manifest records the layer.
  Sysroot add(std::string_view name, const target::Profile& profile, const ImportRequest& request,
              ImportObserver* observer = nullptr, const std::function<void()>& on_wait = {});

  // An empty folder on the store's file system for preparing what an `add` to `name` will take
  // (a symbol-ABI tree's layer, made before the add takes its lock). Folders that processes which
  // are gone left there are removed first; the caller removes its own.
  std::filesystem::path staging_folder(std::string_view name) const;

  void remove(std::string_view name);
  VerifyReport verify(std::string_view name) const;

private:
  explicit Store(std::filesystem::path dir);
  std::filesystem::path sysroots() const { return sysroots_folder(dir_); }
  // One copy of each file: what the sysroots' files are hardlinks of (shared_files.hpp).
  std::filesystem::path file_area() const { return sysroots() / ".files"; }
  std::filesystem::path lock_file(std::string_view name) const;
  // Shares the files of the sysroot being made (`folder`: its temporary folder, with root/) when
  // the store holds another sysroot, after sharing those not yet shared (see store_import.cpp).
  void share_with_store(std::string_view name, const std::filesystem::path& folder,
                        const Manifest& manifest) const;
  std::filesystem::path temp_folder(std::string_view name, std::string_view purpose) const;
  void remove_stale_temp_folders() const;

  std::filesystem::path dir_;
};

// Sysroot names become folder names: letters, digits and . _ + -, not starting with '.' or '-'.
void check_sysroot_name(std::string_view name);

} // namespace xport::sysroot
