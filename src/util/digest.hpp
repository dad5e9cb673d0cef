// Digests of file data: XXH3-128 (libxxhash; tens of GB/s, for telling whether a file changed) and
// SHA-256 (nettle, libarchive's own crypto library, using the CPU's SHA extensions; for comparing
// with a checksum someone published). Fed block by block while a member is written, so a sysroot is
// hashed in the same pass that extracts it, or over whole files for verify and media.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

struct sha256_ctx;
struct XXH3_state_s;

namespace xport::util {

enum class DigestAlgorithm { xxh3_128, sha256 };

// "xxh3-128", "sha256": the spellings of manifests and options.
std::string_view digest_name(DigestAlgorithm algorithm);
std::optional<DigestAlgorithm> parse_digest_name(std::string_view name);

class Digest {
public:
  explicit Digest(DigestAlgorithm algorithm);
  ~Digest();
  Digest(const Digest&) = delete;
  Digest& operator=(const Digest&) = delete;

  DigestAlgorithm algorithm() const { return algorithm_; }
  void update(const void* data, std::size_t size);
  // Lower-case hex digest (32 digits for XXH3-128, 64 for SHA-256); then ready for new data.
  std::string hex_digest();
  void reset();

private:
  DigestAlgorithm algorithm_;
  sha256_ctx* sha_ = nullptr;
  XXH3_state_s* xxh_ = nullptr;
};

// `length` bytes as lower-case hex, two digits a byte.
std::string hex(const unsigned char* bytes, std::size_t length);

// Hashes a whole file with large reads, not following a final symlink. Throws xport::Error naming
// the file when it cannot be read.
std::string digest_file(const std::filesystem::path& file, DigestAlgorithm algorithm);

} // namespace xport::util
