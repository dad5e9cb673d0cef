// SHA-256 through OpenSSL's EVP interface: fed block by block while a member is written (so a
// sysroot is hashed in the same pass that extracts it), and over whole files for verify and media.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

struct evp_md_ctx_st;

namespace xport::util {

class Sha256 {
public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(const void* data, std::size_t size);
  // Lower-case hex digest; the object can be reused after reset().
  std::string hex_digest();
  void reset();

private:
  evp_md_ctx_st* ctx_;
};

// Hashes a whole file with large reads. Throws xport::Error naming the file when it cannot be read.
std::string sha256_file(const std::filesystem::path& file);

} // namespace xport::util
