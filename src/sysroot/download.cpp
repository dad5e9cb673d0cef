// DownloadCache (see download.hpp): transfers (transfer.hpp) into the cache, resumed from partial
// files, kept by checksum; every failure to write the cache names the folder.
#include "sysroot/download.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fmt/format.h>

#include "sysroot/transfer.hpp"
#include "util/atomic_file.hpp"
#include "util/digest.hpp"
#include "util/error.hpp"

namespace xport::sysroot {
namespace fs = std::filesystem;
namespace {

std::string url_key(const std::string& url) {
  util::Digest d(util::DigestAlgorithm::sha256);
  d.update(url.data(), url.size());
  return d.hex_digest();
}

void remove_file(const fs::path& path) {
  std::error_code ec;
  fs::remove(path, ec);
}

// The advice every failure to write the cache ends with.
std::string writable_store_hint(const fs::path& downloads) {
  return fmt::format("the store keeps its downloads in {}, which must be a writable folder: fix "
                     "that, or use another store with --store DIR or $XPORT_HOME",
                     downloads.string());
}

// `dir` as a folder, made if missing; an xport::Error naming it otherwise.
void make_folder(const fs::path& dir, const fs::path& downloads) {
  std::error_code ec;
  if (fs::is_directory(dir, ec))
    return;
  fs::create_directories(dir, ec);
  if (ec)
    throw Error("cannot create the folder {}: {}; {}", dir.string(), ec.message(),
                writable_store_hint(downloads));
}

void move_file(const fs::path& from, const fs::path& to, const fs::path& downloads) {
  std::error_code ec;
  fs::rename(from, to, ec);
  if (ec)
    throw Error("cannot move {} to {}: {}; {}", from.string(), to.string(), ec.message(),
                writable_store_hint(downloads));
}

std::FILE* open_for_writing(const fs::path& path, const char* mode, const fs::path& downloads) {
  std::FILE* out = std::fopen(path.c_str(), mode);
  if (out == nullptr)
    throw Error("cannot write {}: {}; {}", path.string(), std::strerror(errno),
                writable_store_hint(downloads));
  return out;
}

} // namespace

std::optional<std::string> DownloadCache::cached_list(const std::string& url) const {
  fs::path cached = dir_ / "lists" / url_key(url);
  std::error_code ec;
  if (!fs::is_regular_file(cached, ec))
    return std::nullopt;
  return util::read_file(cached);
}

std::string DownloadCache::download_list(const std::string& url, const std::string& release,
                                         std::chrono::seconds timeout) {
  std::string text;
  Outcome o = transfer(url, Sink{nullptr, &text, 0}, max_list_size, timeout, "checksums", nullptr);
  check_transfer(o, url, release, max_list_size, timeout, true, false);
  return text;
}

void DownloadCache::keep_list(const std::string& url, const std::string& text) {
  make_folder(dir_ / "lists", dir_);
  try {
    util::write_file_atomically(dir_ / "lists" / url_key(url), text);
  } catch (const Error& e) {
    throw Error("{}; {}", e.what(), writable_store_hint(dir_));
  }
}

void DownloadCache::forget_list(const std::string& url) {
  remove_file(dir_ / "lists" / url_key(url));
}

void DownloadCache::forget_file(const fs::path& path) {
  remove_file(path);
  std::error_code ec;
  fs::remove(path.parent_path(), ec); // downloads/<algorithm>/<hex>/, when it is empty
}

Downloaded DownloadCache::file(const std::string& url, const std::string& name,
                               const PublishedChecksum& sum, const std::string& release,
                               const DownloadLimits& limits, const DownloadProgress& progress) {
  fs::path final_dir = dir_ / sum.algorithm / sum.hex;
  fs::path final_path = final_dir / name;
  Downloaded result;
  std::error_code ec;
  if (fs::is_regular_file(final_path, ec)) {
    result.path = final_path;
    result.from_cache = true;
    return result;
  }
  fs::path part = dir_ / "partial" / (sum.algorithm + "-" + sum.hex);
  make_folder(part.parent_path(), dir_);
  uint64_t have = fs::is_regular_file(part, ec) ? fs::file_size(part, ec) : 0;
  if (ec || have > limits.max_bytes) {
    remove_file(part); // left by a run with a larger cap
    have = 0;
  }
  std::FILE* out = open_for_writing(part, have > 0 ? "ab" : "wb", dir_);
  result.resumed_from = have;
  Outcome o =
      transfer(url, Sink{out, nullptr, have}, limits.max_bytes, limits.timeout, name, &progress);
  if (have > 0 && o.cannot_resume()) {
    // The server cannot resume (no Range support), or the partial file is already whole (416):
    // start again from the first byte unless the checksum below accepts what is there.
    std::fclose(out);
    if (o.status == 416 && checksum_file(part, sum.algorithm) == sum.hex) {
      o.accept();
      out = nullptr;
    } else {
      out = open_for_writing(part, "wb", dir_);
      result.resumed_from = 0;
      o = transfer(url, Sink{out, nullptr, 0}, limits.max_bytes, limits.timeout, name, &progress);
    }
  }
  // The partial file stays on a failure, for the next run to resume; not one past the cap.
  if (out != nullptr && std::fclose(out) != 0 && o.ok())
    throw Error("cannot write {}: {}; {}", part.string(), std::strerror(errno),
                writable_store_hint(dir_));
  if (o.over_limit || (!o.ok() && fs::file_size(part, ec) == 0))
    remove_file(part);
  check_transfer(o, url, release, limits.max_bytes, limits.timeout, false, fs::exists(part, ec));
  result.bytes = o.bytes;
  std::string got = checksum_file(part, sum.algorithm);
  if (got != sum.hex) {
    remove_file(part);
    throw Error("{}: checksum mismatch: the published {} is {}, the download's is {}; nothing was "
                "kept or imported (a damaged download or a wrong mirror: try again, or another "
                "mirror)",
                url, sum.algorithm, sum.hex, got);
  }
  make_folder(final_dir, dir_);
  move_file(part, final_path, dir_);
  result.path = final_path;
  return result;
}

} // namespace xport::sysroot
