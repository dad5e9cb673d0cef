// Downloads through libcurl (http, https, file:// for a local mirror folder) into a cache kept by
// checksum, under the store:
//   downloads/<algorithm>/<hex>/<name>  a download whose checksum matched the published one
//   downloads/partial/<algorithm>-<hex> an interrupted download, resumed with an HTTP Range request
//   downloads/lists/<sha256 of URL>     a checksum list as fetched (a release's list never changes)
// A file enters the cache only once its checksum matched; a mismatch removes the partial file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "sysroot/checksum_list.hpp"
#include "util/error.hpp"

namespace xport::sysroot {

// A 404 (or a missing file in a file:// mirror).
class NotFound : public Error {
public:
  using Error::Error;
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

  // A checksum list's text: from the cache, else downloaded (and kept). `release` only names the
  // release in a 404's message, which is a NotFound.
  std::string list(const std::string& url, const std::string& release, bool& downloaded);

  // The file at `url` with the published checksum: from the cache, else downloaded (resuming a
  // partial one), checked and moved into the cache. Throws xport::Error naming the URL on a
  // network failure or a 404 (with `release`), and naming both checksums on a mismatch.
  Downloaded file(const std::string& url, const std::string& name, const PublishedChecksum& sum,
                  const std::string& release, const DownloadProgress& progress);

private:
  std::filesystem::path dir_;
};

} // namespace xport::sysroot
