// SHA-256 with OpenSSL libcrypto (EVP), which uses the CPU's SHA extensions where present.
#include "util/sha256.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <unistd.h>

#include <openssl/evp.h>

#include "util/error.hpp"

namespace xport::util {

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
  if (!ctx_)
    throw Error("out of memory creating a SHA-256 context");
  reset();
}

Sha256::~Sha256() {
  EVP_MD_CTX_free(ctx_);
}

void Sha256::reset() {
  EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr);
}

void Sha256::update(const void* data, std::size_t size) {
  EVP_DigestUpdate(ctx_, data, size);
}

std::string Sha256::hex_digest() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(ctx_, digest, &length);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out(length * 2, '0');
  for (unsigned int i = 0; i < length; ++i) {
    out[2 * i] = hex[digest[i] >> 4];
    out[2 * i + 1] = hex[digest[i] & 15];
  }
  reset();
  return out;
}

std::string sha256_file(const std::filesystem::path& file) {
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0)
    throw Error("cannot read '{}': {}", file.string(), std::strerror(errno));
  constexpr std::size_t buffer_size = 1 << 20;
  std::unique_ptr<char[]> buffer(new char[buffer_size]);
  Sha256 hash;
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
