// The checksum lists operating systems publish beside their media, and hashing a download to
// compare with them:
//   freebsd-manifest  FreeBSD's MANIFEST: tab-separated name, sha256, file count, set, description,
//                     default (release/scripts/make-manifest.sh in FreeBSD's source)
//   bsd               the tagged lines of md5(1)/cksum(1) -q -a: "SHA512 (base.tar.xz) = <hex>",
//                     as NetBSD's SHA512, OpenBSD's SHA256 and DragonFly's md5.txt are written
// Each OS publishes one algorithm (the profile's media.checksum-algorithm); a line of another, a
// weaker one a forged list could slip in, is never taken for it.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace xport::sysroot {

struct PublishedChecksum {
  std::string algorithm; // "sha256", "sha512", "md5"
  std::string hex;       // lower case
};

// name -> every checksum the list gives it, in the list's order. Lines that are not checksums are
// skipped; `source` (the list's URL) names the list in errors. Throws xport::Error for an unknown
// format.
using ChecksumEntries = std::map<std::string, std::vector<PublishedChecksum>>;
ChecksumEntries parse_checksum_list(std::string_view text, std::string_view format,
                                    std::string_view source);

// The checksum `entries` give `name` with `algorithm`, the one the OS publishes: a failure that
// says why not (no entry; only a weaker or another algorithm; two that disagree), naming the list
// `source` and the `release`. `os` names the OS in the message.
Result<PublishedChecksum> published_checksum(const ChecksumEntries& entries, std::string_view name,
                                             std::string_view algorithm, std::string_view source,
                                             std::string_view release, std::string_view os);

// A short, printable excerpt of the start of `text`: what a list that is not a list holds.
std::string text_excerpt(std::string_view text);

// MD5 is all some OSes publish: it catches a damaged download, not a forged one.
inline bool weak_checksum(std::string_view algorithm) {
  return algorithm == "md5";
}

// The file's digest with `algorithm` (nettle's name, lower case: sha256, sha512, md5), as
// lower-case hex. Throws xport::Error naming the file when it cannot be read.
std::string checksum_file(const std::filesystem::path& file, std::string_view algorithm);

} // namespace xport::sysroot
