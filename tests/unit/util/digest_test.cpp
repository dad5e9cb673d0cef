// The digests against published test vectors, streamed in pieces and over files.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "util/digest.hpp"
#include "util/error.hpp"

namespace xport::util {
namespace {

namespace fs = std::filesystem;

std::string of(DigestAlgorithm algorithm, std::string_view text) {
  Digest d(algorithm);
  for (char c : text) // byte by byte: streaming must not change the result
    d.update(&c, 1);
  return d.hex_digest();
}

TEST(Digest, KnownVectors) {
  // FIPS 180-2 appendix B.1; xxHash's own sanity test (XXH3_128bits of no input).
  EXPECT_EQ(of(DigestAlgorithm::sha256, "abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(of(DigestAlgorithm::xxh3_128, ""), "99aa06d3014798d86001c324468d497f");
  EXPECT_EQ(of(DigestAlgorithm::xxh3_128, "abc"), "06b05ab6733a618578af5f94892f3950"); // xxhsum -H2
  Digest reused(DigestAlgorithm::xxh3_128);
  reused.update("junk", 4);
  (void)reused.hex_digest();
  EXPECT_EQ(reused.hex_digest(), "99aa06d3014798d86001c324468d497f") << "hex_digest resets";
}

TEST(Digest, NamesAndFiles) {
  EXPECT_EQ(parse_digest_name("sha256"), DigestAlgorithm::sha256);
  EXPECT_EQ(parse_digest_name("xxh3-128"), DigestAlgorithm::xxh3_128);
  EXPECT_EQ(parse_digest_name("md5"), std::nullopt);
  fs::path file = fs::temp_directory_path() / ("xport-digest-" + std::to_string(::getpid()));
  std::string big(3 << 20, 'x'); // more than one read
  std::ofstream(file) << big;
  for (DigestAlgorithm a : {DigestAlgorithm::sha256, DigestAlgorithm::xxh3_128}) {
    Digest d(a);
    d.update(big.data(), big.size());
    EXPECT_EQ(digest_file(file, a), d.hex_digest()) << digest_name(a);
  }
  fs::remove(file);
  EXPECT_THROW(digest_file(file, DigestAlgorithm::sha256), Error);
}

} // namespace
} // namespace xport::util
