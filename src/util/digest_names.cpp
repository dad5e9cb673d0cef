// The spellings of the digest algorithms (see digest.hpp). A file of their own: the front binary
// reads manifests, which name the algorithm, and must not link the digest code (nettle and
// libxxhash stay unloaded there).
#include "util/digest.hpp"

namespace xport::util {

std::string_view digest_name(DigestAlgorithm algorithm) {
  return algorithm == DigestAlgorithm::sha256 ? "sha256" : "xxh3-128";
}

std::optional<DigestAlgorithm> parse_digest_name(std::string_view name) {
  if (name == "sha256")
    return DigestAlgorithm::sha256;
  if (name == "xxh3-128")
    return DigestAlgorithm::xxh3_128;
  return std::nullopt;
}

} // namespace xport::util
