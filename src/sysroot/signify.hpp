// OpenBSD's signify(1) files, as OpenBSD signs its release's checksum list (SHA256.sig) and ships
// each release's public key in its source tree (etc/signify/openbsd-<NN>-base.pub). Every file is
// two lines, "untrusted comment: <text>" and the base64 of a record (usr.bin/signify/signify.c):
//   public key  "Ed" + 8-byte key number + 32-byte Ed25519 public key
//   signature   "Ed" + 8-byte key number + 64-byte Ed25519 signature
// and a signature made with `signify -S -e` (embedded) is followed by the message it signs. The
// signature is Ed25519 over the message bytes; a signature of another key number is refused
// before the curve is checked. The crypto is nettle's.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace xport::sysroot {

struct SignifyKey {
  std::array<uint8_t, 8> number{};
  std::array<uint8_t, 32> key{};
};

// A public key from its base64 record (the key file's second line) or from a whole key file.
// Throws xport::Error naming `source` and what is wrong.
SignifyKey parse_signify_key(std::string_view text, std::string_view source);

// The key number as signify's files print it in a message: 16 hex digits.
std::string key_number_text(const SignifyKey& key);

// The message of an embedded signature file (`signify -S -e`: comment, signature, message),
// once its signature verifies with `key`. Throws xport::Error naming `source`: a malformed file,
// a signature of another key (both key numbers named), or a signature that does not verify.
std::string verified_message(std::string_view signed_file, const SignifyKey& key,
                             std::string_view source);

} // namespace xport::sysroot
