// libFuzzer target for what a mirror serves `sysroot fetch` as a checksum list (sysroot/
// checksum_list.hpp, sysroot/signify.hpp): FreeBSD's MANIFEST, the tagged lines of NetBSD's
// SHA512, OpenBSD's SHA256 and DragonFly's md5.txt, and signify keys and embedded signatures.
// Any text is parsed or refused with xport::Error, never a crash; every entry parsed has the
// digits its algorithm has, in lower case; a verified message is the tail of the signed file.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sysroot/checksum_list.hpp"
#include "sysroot/signify.hpp"
#include "util/error.hpp"

namespace {

using namespace xport::sysroot;

std::size_t digits_of(const std::string& algorithm) {
  return algorithm == "md5" ? 32 : algorithm == "sha1" ? 40 : algorithm == "sha256" ? 64 : 128;
}

void check_entries(const ChecksumEntries& entries) {
  for (const auto& [name, sums] : entries) {
    if (name.find('\n') != std::string::npos || sums.empty())
      std::abort();
    for (const PublishedChecksum& sum : sums) {
      if (sum.hex.size() != digits_of(sum.algorithm) ||
          sum.hex.find_first_not_of("0123456789abcdef") != std::string::npos)
        std::abort();
    }
    for (const char* algorithm : {"sha512", "sha256", "md5"}) {
      auto chosen = published_checksum(entries, name, algorithm, "fuzz", "1.0", "OS");
      if (chosen && chosen->algorithm != algorithm)
        std::abort();
    }
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  check_entries(parse_checksum_list(text, "freebsd-manifest", "fuzz"));
  check_entries(parse_checksum_list(text, "bsd", "fuzz"));
  if (text_excerpt(text).size() > 63)
    std::abort();
  try {
    parse_signify_key(text, "fuzz");
  } catch (const xport::Error&) {
  }
  static const SignifyKey key =
      parse_signify_key("RWQBAgMEBQYHCOorU0THWFUexPD7/Vam26l6sgX/Wd3TNXDDWY1JRPK2", "key");
  try {
    std::string message = verified_message(text, key, "fuzz");
    if (!text.ends_with(message))
      std::abort();
    check_entries(parse_checksum_list(message, "bsd", "fuzz"));
  } catch (const xport::Error&) {
  }
  return 0;
}
