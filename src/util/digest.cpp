// XXH3-128 with libxxhash's streaming state, SHA-256 with nettle's (see digest.hpp).
#include "util/digest.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <nettle/sha2.h>
#include <new>
#include <unistd.h>
#include <xxhash.h>

#include "util/error.hpp"

namespace xport::util {

std::string hex(const unsigned char* bytes, std::size_t length) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out(length * 2, '0');
  for (std::size_t i = 0; i < length; ++i) {
    out[2 * i] = digits[bytes[i] >> 4];
    out[2 * i + 1] = digits[bytes[i] & 15];
  }
  return out;
}

Digest::Digest(DigestAlgorithm algorithm) : algorithm_(algorithm) {
  if (algorithm == DigestAlgorithm::sha256)
    sha_ = new (std::nothrow) sha256_ctx;
  else
    xxh_ = XXH3_createState();
  if (!sha_ && !xxh_)
    throw Error("out of memory creating a {} context", digest_name(algorithm));
  reset();
}

Digest::~Digest() {
  delete sha_;
  if (xxh_)
    XXH3_freeState(xxh_);
}

void Digest::reset() {
  if (sha_)
    sha256_init(sha_);
  else
    XXH3_128bits_reset(xxh_);
}

void Digest::update(const void* data, std::size_t size) {
  if (sha_)
    sha256_update(sha_, size, static_cast<const uint8_t*>(data));
  else
    XXH3_128bits_update(xxh_, data, size);
}

std::string Digest::hex_digest() {
  std::string out;
  if (sha_) {
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(sha_, sizeof digest, digest);
    out = hex(digest, sizeof digest);
  } else {
    XXH128_canonical_t canonical; // big-endian, as xxhsum --tag -H2 prints it
    XXH128_canonicalFromHash(&canonical, XXH3_128bits_digest(xxh_));
    out = hex(canonical.digest, sizeof canonical.digest);
  }
  reset();
  return out;
}

std::string digest_file(const std::filesystem::path& file, DigestAlgorithm algorithm) {
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0)
    throw Error("cannot read '{}': {}", file.string(), std::strerror(errno));
  constexpr std::size_t buffer_size = 1 << 20;
  std::unique_ptr<char[]> buffer(new char[buffer_size]);
  Digest hash(algorithm);
  for (;;) {
    ssize_t n = ::read(fd, buffer.get(), buffer_size);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      int saved = errno;
      ::close(fd);
      throw Error("cannot read '{}': {}", file.string(), std::strerror(saved));
    }
    if (n == 0)
      break;
    hash.update(buffer.get(), static_cast<std::size_t>(n));
  }
  ::close(fd);
  return hash.hex_digest();
}

} // namespace xport::util
