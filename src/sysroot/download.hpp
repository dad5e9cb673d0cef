// Downloads through libcurl (http, https, file:// for a local mirror folder) into a cache kept by
// checksum, under the store:
//   downloads/<algorithm>/<hex>/<name>  a download whose checksum matched the published one
//   downloads/partial/<algorithm>-<hex> an interrupted download, resumed with an HTTP Range request
//   downloads/lists/<sha256 of URL>     a checksum list that parsed and had the entries wanted (a
//                                       release's list never changes)
// A file enters the cache only once its checksum matched; a mismatch removes the partial file. A
// server is never trusted for how much it sends or how long it takes: every transfer has a size
// cap (a Content-Length past it is refused before a byte is written, a stream past it is cut and
// deleted) and a deadline.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "sysroot/checksum_list.hpp"
#include "util/error.hpp"

namespace xport::sysroot {

// A 404 (or a missing file in a file:// mirror).
class NotFound : public Error {
public:
  using Error::Error;
};

// A checksum list is a few KB (OpenBSD's SHA256 is 2 KB, DragonFly's md5.txt of every ISO 30
// KB): one past this is not a list, whatever the server says.
inline constexpr uint64_t max_list_size = uint64_t{4} << 20; // 4 MiB
// The deadline of a checksum list's transfer: long enough for any mirror that answers at all.
inline constexpr std::chrono::seconds list_timeout{60};
// A medium's defaults (--max-download-size and media.max-size, --timeout and
// $XPORT_FETCH_TIMEOUT change them): the largest medium of a profile is DragonFly's ISO, 0.3 GB.
inline constexpr uint64_t default_max_download_size = uint64_t{4} << 30; // 4 GiB
inline constexpr std::chrono::seconds default_download_timeout{3600};

struct DownloadLimits {
  uint64_t max_bytes = default_max_download_size; // of the whole file, a resumed part included
  std::chrono::seconds timeout = default_download_timeout; // of one transfer
};

// Called while a download runs: bytes so far (including a resumed part) and the total (0 =
// unknown).
using DownloadProgress =
    std::function<void(const std::string& name, uint64_t done, uint64_t total)>;

struct Downloaded {
  std::filesystem::path path;
  bool from_cache = false;
  uint64_t bytes = 0;        // transferred now (0 from the cache)
  uint64_t resumed_from = 0; // bytes a partial file already had
};

class DownloadCache {
public:
  explicit DownloadCache(std::filesystem::path dir) : dir_(std::move(dir)) {}

  // The cached text of the checksum list at `url`, if one was kept.
  std::optional<std::string> cached_list(const std::string& url) const;
  // Downloads the checksum list at `url` (at most max_list_size, within `timeout`), not kept:
  // keep_list keeps it once the caller has read it. `release` only names the release in a 404's
  // message, which is a NotFound.
  std::string download_list(const std::string& url, const std::string& release,
                            std::chrono::seconds timeout);
  void keep_list(const std::string& url, const std::string& text);
  void forget_list(const std::string& url);

  // The file at `url` with the published checksum: from the cache, else downloaded (resuming a
  // partial one) within `limits`, checked and moved into the cache. Throws xport::Error naming
  // the URL on a network failure, a 404 (with `release`), a file past the size cap (deleted) or
  // the deadline (kept, to resume), and naming both checksums on a mismatch.
  Downloaded file(const std::string& url, const std::string& name, const PublishedChecksum& sum,
                  const std::string& release, const DownloadLimits& limits,
                  const DownloadProgress& progress);

  // Removes a cached file (one that a pinned digest refused).
  void forget_file(const std::filesystem::path& path);

private:
  std::filesystem::path dir_;
};

} // namespace xport::sysroot
