// The checksum lists operating systems publish beside their media, and hashing a download to
// compare with them:
//   freebsd-manifest  FreeBSD's MANIFEST: tab-separated name, sha256, file count, set, description,
//                     default (release/scripts/make-manifest.sh in FreeBSD's source)
//   bsd               the tagged lines of md5(1)/cksum(1) -q -a: "SHA512 (base.tar.xz) = <hex>",
//                     as NetBSD's SHA512, OpenBSD's SHA256 and DragonFly's md5.txt are written
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace xport::sysroot {

struct PublishedChecksum {
  std::string algorithm; // "sha256", "sha512", "md5"
  std::string hex;       // lower case
};

// name -> checksum. Lines that are not checksums are skipped; `source` (the list's URL) names the
// list in errors. Throws xport::Error for an unknown format.
std::map<std::string, PublishedChecksum>
parse_checksum_list(std::string_view text, std::string_view format, std::string_view source);

// MD5 is all some OSes publish: it catches a damaged download, not a forged one.
inline bool weak_checksum(std::string_view algorithm) {
  return algorithm == "md5";
}

// The file's digest with `algorithm` (nettle's name, lower case: sha256, sha512, md5), as
// lower-case hex. Throws xport::Error naming the file when it cannot be read.
std::string checksum_file(const std::filesystem::path& file, std::string_view algorithm);

} // namespace xport::sysroot
