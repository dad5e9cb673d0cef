// The import pipeline (see importer.hpp). Hostile members stop the import with an error naming
// the medium and the member; set-uid, set-gid and sticky bits are cleared with a warning (a
// sysroot holds files to link against, never programs to run with privileges).
#include "sysroot/importer.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <exception>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <set>
#include <sys/mman.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <unordered_map>

#include <fmt/format.h>

#include "sysroot/linker_script.hpp"
#include "sysroot/member_path.hpp"
#include "sysroot/selection.hpp"
#include "sysroot/tree_writer.hpp"
#include "util/atomic_file.hpp"
#include "util/digest.hpp"
#include "util/error.hpp"
#include "util/input_file.hpp"
#include "util/json_text.hpp"

namespace xport::sysroot {
namespace fs = std::filesystem;
namespace {

constexpr int max_pull_rounds = 8; // links to links to links...

std::string place(const MediumSource& medium, const Member& m) {
  std::string out = "medium '" + medium.display + "'";
  if (!m.container.empty())
    out += " (" + m.container + ")";
  return out + ", member '" + m.name + "'";
}

// What identifies a medium file: XXH3-128 of all of it, and SHA-256 when the user gave one to
// compare with. Computed on a second thread while the first one extracts, in one pass over the
// mapped file, and kept in the digest cache under (device, inode, size, mtime, ctime), so the same
// unchanged file is read only once however often it is imported.
struct MediumDigests {
  std::string xxh3_128, sha256;
};

class MediaHasher {
public:
  MediaHasher(const std::vector<MediumSource>& media, const ImportOptions& options)
      : sums_(media.size()) {
    thread_ = std::thread([this, &media, &options] {
      try {
        for (std::size_t i = 0; i < media.size() && !stop_; ++i) {
          bool sha = i < options.expect_sha256.size() && !options.expect_sha256[i].empty();
          if (!media[i].path.empty() && fs::is_regular_file(media[i].path))
            sums_[i] = digests(media[i], sha, options.digest_cache);
        }
      } catch (...) {
        error_ = std::current_exception();
      }
    });
  }
  ~MediaHasher() {
    stop_ = true;
    if (thread_.joinable())
      thread_.join();
  }
  std::vector<MediumDigests> finish() {
    thread_.join();
    if (error_)
      std::rethrow_exception(error_);
    return sums_;
  }

private:
  static std::string cache_key(const struct stat& st, util::DigestAlgorithm algorithm) {
    return fmt::format("{}-{}-{}-{}.{}-{}.{}.{}", st.st_dev, st.st_ino, st.st_size,
                       st.st_mtim.tv_sec, st.st_mtim.tv_nsec, st.st_ctim.tv_sec, st.st_ctim.tv_nsec,
                       util::digest_name(algorithm));
  }
  // A cached digest, or "" when there is none or the entry is not a digest of that algorithm (a
  // damaged cache costs a recomputation, never a wrong manifest).
  static std::string cached(const fs::path& cache, const std::string& key,
                            util::DigestAlgorithm algorithm) {
    if (cache.empty())
      return "";
    std::ifstream in(cache / key);
    std::string hex;
    in >> hex;
    const std::size_t digits = algorithm == util::DigestAlgorithm::sha256 ? 64 : 32;
    if (hex.size() != digits || hex.find_first_not_of("0123456789abcdef") != std::string::npos)
      return "";
    return hex;
  }
  // Best effort: a cache that cannot be written costs only the next import's time.
  static void remember(const fs::path& cache, const std::string& key, const std::string& hex) {
    if (cache.empty() || hex.empty())
      return;
    try {
      util::write_file_atomically(cache / key, hex + "\n");
    } catch (const Error&) {
    }
  }

  MediumDigests digests(const MediumSource& medium, bool want_sha, const fs::path& cache) {
    Result<int> opened = util::open_regular_file(medium.path);
    if (!opened)
      throw Error("medium '{}': cannot read it: {}", medium.display, opened.error());
    int fd = *opened;
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
      int saved = errno;
      ::close(fd);
      throw Error("medium '{}': cannot read it: {}", medium.display, std::strerror(saved));
    }
    const std::string xxh_key = cache_key(st, util::DigestAlgorithm::xxh3_128);
    const std::string sha_key = cache_key(st, util::DigestAlgorithm::sha256);
    MediumDigests out{cached(cache, xxh_key, util::DigestAlgorithm::xxh3_128),
                      want_sha ? cached(cache, sha_key, util::DigestAlgorithm::sha256) : ""};
    std::optional<util::Digest> xxh, sha;
    if (out.xxh3_128.empty())
      xxh.emplace(util::DigestAlgorithm::xxh3_128);
    if (want_sha && out.sha256.empty())
      sha.emplace(util::DigestAlgorithm::sha256);
    if (!xxh && !sha) {
      ::close(fd);
      return out;
    }
    // Mapped rather than read: an image in the page cache is hashed without copying it.
    std::size_t size = static_cast<std::size_t>(st.st_size);
    void* map = size ? ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0) : nullptr;
    ::close(fd);
    if (map == MAP_FAILED)
      throw Error("medium '{}': cannot map it: {}", medium.display, std::strerror(errno));
    ::madvise(map, size, MADV_SEQUENTIAL);
    constexpr std::size_t step = 8 << 20;
    for (std::size_t at = 0; at < size && !stop_; at += step) {
      const char* block = static_cast<const char*>(map) + at;
      std::size_t n = std::min(step, size - at);
      if (xxh)
        xxh->update(block, n);
      if (sha)
        sha->update(block, n);
    }
    if (map)
      ::munmap(map, size);
    if (stop_)
      return out;
    if (xxh)
      remember(cache, xxh_key, out.xxh3_128 = xxh->hex_digest());
    if (sha)
      remember(cache, sha_key, out.sha256 = sha->hex_digest());
    return out;
  }

  std::vector<MediumDigests> sums_;
  std::atomic<bool> stop_ = false;
  std::exception_ptr error_;
  std::thread thread_;
};

class Importer {
public:
  Importer(const fs::path& root, const std::vector<MediumSource>& media,
           const target::Profile& profile, const ImportOptions& options, ImportObserver* observer)
      : media_(media), profile_(profile), options_(options), observer_(observer),
        selection_(profile, options.all),
        writer_(root, options.max_member_size, options.max_total_size, options.file_digest) {
    for (const MediumSource& m : media)
      total_bytes_ += medium_size(m);
    if (options.space)
      writer_.limit_to(*options.space);
    if (options.base)
      writer_.seed(*options.base, options.base_media);
  }

  ImportResult run() {
    if (!options_.expect_sha256.empty() && options_.expect_sha256.size() != media_.size())
      throw Error("{} expected SHA-256 sums for {} media: give one per medium, in order",
                  options_.expect_sha256.size(), media_.size());
    std::optional<MediaHasher> hasher;
    if (options_.hash_media || !options_.expect_sha256.empty())
      hasher.emplace(media_, options_);
    ImportResult result;
    for (std::size_t i = 0; i < media_.size(); ++i) {
      std::string format = read_medium(media_[i], [&](const Member& m, MemberData& data) {
        handle(m, data, i, nullptr);
        report(data.medium_bytes_read());
      });
      done_bytes_ += medium_size(media_[i]);
      if (packages_.contains(i))
        format = "FreeBSD package: " + format;
      result.media.push_back({!media_[i].recorded.empty() ? media_[i].recorded
                              : media_[i].path.empty()    ? media_[i].display
                                                          : fs::absolute(media_[i].path).string(),
                              format,
                              medium_size(media_[i]),
                              "",
                              "",
                              {}});
    }
    pull_link_targets();
    writer_.finish();
    if (hasher) {
      std::vector<MediumDigests> sums = hasher->finish();
      for (std::size_t i = 0; i < sums.size(); ++i) {
        result.media[i].xxh3_128 = sums[i].xxh3_128;
        result.media[i].sha256 = sums[i].sha256;
        check_expected_sha256(i, sums[i].sha256);
      }
    }
    for (const auto& [path, record] : writer_.records())
      result.files.push_back(record);
    if (writer_.files_written() == 0)
      throw Error("no member of the media is part of a sysroot for '{}' (no headers, libraries or "
                  "start files in the places the profile and the usual layouts name); check "
                  "--target, or take every member with --all",
                  profile_.name);
    result.linker_scripts = find_linker_scripts(writer_.root(), result.files);
    result.warnings = std::move(warnings_);
    return result;
  }

private:
  void report(uint64_t current) {
    if (observer_)
      observer_->progress(done_bytes_ + current, total_bytes_, writer_.files_written());
  }

  void handle(const Member& m, MemberData& data, std::size_t medium,
              const std::set<std::string>* pull) {
    // A FreeBSD package (pkg-create(8)) starts with +COMPACT_MANIFEST and names its files by
    // absolute path (/usr/local/lib/libz.so): those are paths in the target's tree. Anywhere else
    // an absolute name is refused.
    if (m.name == "+COMPACT_MANIFEST" || m.name == "+MANIFEST")
      packages_.insert(medium);
    std::string_view raw = m.name;
    if (packages_.contains(medium))
      while (raw.size() > 1 && raw.front() == '/')
        raw.remove_prefix(1);
    Result<std::string> name = normalize_member_name(raw);
    if (!name)
      throw Error("{}: refused: {}; the medium is hostile or damaged, nothing was imported",
                  place(media_[medium], m), name.error());
    if (name->empty())
      return; // the root folder itself
    if (!pull)
      index_[*name] = {medium, m.kind};
    if (pull ? !pull->contains(*name) : !selection_.wants(*name, m.kind))
      return;
    std::string where = place(media_[medium], m);
    // The manifest is JSON, which holds only Unicode text: another name could not be recorded
    // exactly, and `sysroot verify` could not find the file again.
    if (!util::is_utf8(*name) || !util::is_utf8(m.link))
      throw Error("{}: refused: its {} is not UTF-8, which the sysroot's manifest cannot record; "
                  "rename it on the medium{}",
                  where, util::is_utf8(*name) ? "link target" : "name",
                  options_.all ? ", or import without --all to leave it out if a sysroot does "
                                 "not need it"
                               : "");
    switch (m.kind) {
    case MemberKind::special:
      throw Error("{}: refused: a {} has no place in a sysroot (it could give access to a device "
                  "or block the import); take the folders you need without --all, or remove it "
                  "from the medium",
                  where, m.special);
    case MemberKind::directory:
      writer_.add_directory(*name, medium, where);
      return;
    case MemberKind::symlink:
      writer_.add_symlink(*name, m.link, medium, where);
      return;
    case MemberKind::file:
      writer_.add_file(*name, neutralised(m, where), m.size, data, medium, where);
      return;
    case MemberKind::hardlink: {
      // A package's hardlink names its target as it names its files, by absolute path
      // (/usr/local/lib/libfoo.so.1): a path in the package's tree, as the names are.
      std::string_view link = m.link;
      if (packages_.contains(medium))
        while (link.size() > 1 && link.front() == '/')
          link.remove_prefix(1);
      Result<std::string> target = normalize_member_name(link);
      if (!target || target->empty())
        throw Error("{}: refused: the hardlink target '{}' is not a member of the medium ({})",
                    where, m.link, target ? "it names the root" : target.error());
      if (writer_.add_hardlink(*name, *target, medium, where))
        return;
      if (m.size > 0) // a hardlink that carries its data (pax, some ISO readers)
        writer_.add_file(*name, neutralised(m, where), m.size, data, medium, where);
      else
        pending_hardlinks_.push_back({*name, *target, medium, where});
      return;
    }
    }
  }

  uint32_t neutralised(const Member& m, const std::string& where) {
    if (m.mode & 07000)
      warnings_.push_back(
          fmt::format("{}: set-uid/set-gid/sticky bits cleared (mode {:04o} -> {:04o})", where,
                      m.mode, m.mode & 0777));
    return m.mode & 0777;
  }

  struct IndexEntry {
    std::size_t medium;
    MemberKind kind;
  };

  struct PendingHardlink {
    std::string name, target;
    std::size_t medium;
    std::string where;
  };

  // Links whose targets were skipped by the selection (libfoo.so -> libfoo.so.1 outside the
  // library folders; a hardlink to an unselected file) get those targets in another pass.
  void pull_link_targets() {
    std::set<std::string> tried;
    for (int round = 0; round < max_pull_rounds; ++round) {
      std::map<std::size_t, std::set<std::string>> wanted;
      auto want_member = [&](const std::string& path, const IndexEntry& member) {
        if (!tried.insert(path).second)
          return false;
        wanted[member.medium].insert(path);
        return true;
      };
      auto want = [&](const std::string& path) {
        const IndexEntry* member = importable(path);
        return member && want_member(path, *member);
      };
      for (const auto& [path, record] : writer_.records()) {
        if (record.kind != MemberKind::symlink)
          continue;
        std::string physical = writer_.resolve(path, true);
        if (!writer_.find(physical) && !want(physical))
          want(*link_target_in_root(path, record.target));
      }
      std::vector<PendingHardlink> pending = std::move(pending_hardlinks_);
      pending_hardlinks_.clear();
      std::set<std::string> pending_names;
      for (const PendingHardlink& h : pending)
        pending_names.insert(h.name);
      for (const PendingHardlink& h : pending) {
        if (link_to_written(h))
          continue;
        const IndexEntry* target = importable(h.target);
        if (!target)
          refuse(h);
        if (pending_names.contains(h.target)) {
          pending_hardlinks_.push_back(h); // a link to a link: once that one is made
          continue;
        }
        if (!want_member(h.target, *target) && !wanted[target->medium].contains(h.target))
          refuse(h);
        wanted[h.medium].insert(h.name);
      }
      if (wanted.empty())
        break;
      for (const auto& entry : wanted) {
        const std::size_t medium = entry.first;
        const auto* names = &entry.second;
        read_medium(media_[medium],
                    [&](const Member& m, MemberData& data) { handle(m, data, medium, names); });
      }
    }
    for (const PendingHardlink& h : pending_hardlinks_)
      if (!link_to_written(h))
        refuse(h);
  }

  // The medium's member at `path` when it is one a link may pull in (not a folder or a device);
  // null otherwise.
  const IndexEntry* importable(const std::string& path) const {
    auto it = index_.find(path);
    if (it == index_.end() || it->second.kind == MemberKind::directory ||
        it->second.kind == MemberKind::special)
      return nullptr;
    return &it->second;
  }

  // A hardlink whose target came later in the medium, or in a pass that pulled it in. A hardlink
  // to a symlink (GNU tar makes them) is that symlink again.
  bool link_to_written(const PendingHardlink& h) {
    if (writer_.add_hardlink(h.name, h.target, h.medium, h.where))
      return true;
    const FileRecord* r = writer_.find(writer_.resolve(h.target, false));
    if (!r || r->kind != MemberKind::symlink)
      return false;
    writer_.add_symlink(h.name, r->target, h.medium, h.where);
    return true;
  }

  // A hardlink that stays unresolved is not dropped: the sysroot would miss a file its medium
  // has, and no one would know.
  [[noreturn]] void refuse(const PendingHardlink& h) const {
    auto it = index_.find(h.target);
    std::string why =
        it == index_.end()                         ? "is not a member of the medium"
        : it->second.kind == MemberKind::directory ? "is a folder"
        : it->second.kind == MemberKind::special
            ? "is a device, FIFO or socket"
            : fmt::format("cannot be resolved (links to links deeper than {})", max_pull_rounds);
    throw Error("{}: refused: the hardlink target '{}' {}; the medium is hostile or damaged, "
                "nothing was imported",
                h.where, h.target, why);
  }

  // The published checksum the user gave (--expect-sha256) against the medium's.
  void check_expected_sha256(std::size_t i, const std::string& actual) const {
    if (i >= options_.expect_sha256.size() || options_.expect_sha256[i].empty())
      return;
    std::string expected = options_.expect_sha256[i];
    std::transform(expected.begin(), expected.end(), expected.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (expected == actual)
      return;
    if (actual.empty())
      throw Error("medium '{}': --expect-sha256 needs a medium file to hash, and this is not one",
                  media_[i].display);
    throw Error("medium '{}': its SHA-256 is {}, not the expected {}; the medium is not the one "
                "the checksum was published for (a corrupt or different download); nothing was "
                "imported",
                media_[i].display, actual, expected);
  }

  const std::vector<MediumSource>& media_;
  const target::Profile& profile_;
  ImportOptions options_;
  ImportObserver* observer_;
  Selection selection_;
  TreeWriter writer_;
  std::unordered_map<std::string, IndexEntry> index_;
  std::vector<PendingHardlink> pending_hardlinks_;
  std::vector<std::string> warnings_;
  std::set<std::size_t> packages_; // media that are FreeBSD packages
  uint64_t total_bytes_ = 0;
  uint64_t done_bytes_ = 0;
};

} // namespace

ImportResult import_media(const fs::path& root, const std::vector<MediumSource>& media,
                          const target::Profile& profile, const ImportOptions& options,
                          ImportObserver* observer) {
  return Importer(root, media, profile, options, observer).run();
}

} // namespace xport::sysroot
