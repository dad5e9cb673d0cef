// signify files (see signify.hpp): the two-line form read as usr.bin/signify/signify.c reads it
// (readb64file), the records decoded with nettle's base64 and checked with its Ed25519.
#include "sysroot/signify.hpp"

#include <algorithm>
#include <cstring>
#include <nettle/base64.h>
#include <nettle/eddsa.h>
#include <vector>

#include "util/digest.hpp"
#include "util/error.hpp"

namespace xport::sysroot {
namespace {

constexpr std::string_view comment_header = "untrusted comment: ";
constexpr std::size_t comment_max = 1024; // signify's COMMENTMAXLEN
constexpr std::size_t key_record_size = 2 + 8 + ED25519_KEY_SIZE;
constexpr std::size_t signature_record_size = 2 + 8 + ED25519_SIGNATURE_SIZE;

struct SignifyFile {
  std::string_view base64;
  std::string_view rest; // an embedded signature's message
};

SignifyFile split_file(std::string_view text, std::string_view source, std::string_view what) {
  if (!text.starts_with(comment_header))
    throw Error("{}: not a signify {}: it does not begin with '{}' (it begins '{}')", source, what,
                comment_header, text.substr(0, std::min<std::size_t>(text.size(), 40)));
  std::size_t first = text.find('\n');
  if (first == std::string_view::npos || first - comment_header.size() > comment_max)
    throw Error("{}: not a signify {}: its comment line is not ended within {} characters", source,
                what, comment_max);
  std::size_t second = text.find('\n', first + 1);
  if (second == std::string_view::npos)
    throw Error("{}: not a signify {}: it ends after its comment, without the line of base64 "
                "that holds the {}",
                source, what, what);
  SignifyFile file;
  file.base64 = text.substr(first + 1, second - first - 1);
  file.rest = text.substr(second + 1);
  return file;
}

// The record of `size` bytes that `text` encodes; signify's own records, whose first two bytes
// name the algorithm ("Ed").
std::vector<uint8_t> decode_record(std::string_view text, std::size_t size, std::string_view source,
                                   std::string_view what) {
  if (!text.empty() && text.back() == '\r')
    text.remove_suffix(1);
  bool alphabet = std::all_of(text.begin(), text.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '+' || c == '/' || c == '=';
  });
  if (text.empty() || !alphabet || text.size() > 4 * (size / 3 + 1))
    throw Error("{}: the {} is not the base64 of a signify record ({} bytes): '{}'", source, what,
                size, text.substr(0, std::min<std::size_t>(text.size(), 80)));
  std::vector<uint8_t> out(BASE64_DECODE_LENGTH(text.size()));
  std::size_t length = out.size();
  base64_decode_ctx ctx;
  base64_decode_init(&ctx);
  if (!base64_decode_update(&ctx, &length, out.data(), text.size(), text.data()) ||
      !base64_decode_final(&ctx) || length != size)
    throw Error("{}: the {} is not the base64 of a signify record of {} bytes: it does not decode, "
                "or decodes to another length",
                source, what, size);
  out.resize(length);
  if (out[0] != 'E' || out[1] != 'd')
    throw Error("{}: the {} is for the algorithm '{}{}', and signify's is Ed25519 ('Ed')", source,
                what, static_cast<char>(out[0]), static_cast<char>(out[1]));
  return out;
}

} // namespace

SignifyKey parse_signify_key(std::string_view text, std::string_view source) {
  std::string_view base64 = text;
  if (text.starts_with(comment_header)) {
    SignifyFile file = split_file(text, source, "public key");
    if (!file.rest.empty())
      throw Error("{}: a signify public key is two lines; this has more", source);
    base64 = file.base64;
  }
  while (!base64.empty() && (base64.back() == '\n' || base64.back() == ' '))
    base64.remove_suffix(1);
  std::vector<uint8_t> record = decode_record(base64, key_record_size, source, "public key");
  SignifyKey key;
  std::copy_n(record.begin() + 2, key.number.size(), key.number.begin());
  std::copy_n(record.begin() + 10, key.key.size(), key.key.begin());
  return key;
}

std::string key_number_text(const SignifyKey& key) {
  return util::hex(key.number.data(), key.number.size());
}

std::string verified_message(std::string_view signed_file, const SignifyKey& key,
                             std::string_view source) {
  SignifyFile file = split_file(signed_file, source, "signature");
  std::vector<uint8_t> record =
      decode_record(file.base64, signature_record_size, source, "signature");
  if (!std::equal(key.number.begin(), key.number.end(), record.begin() + 2)) {
    SignifyKey other;
    std::copy_n(record.begin() + 2, other.number.size(), other.number.begin());
    throw Error("{}: signed with the key numbered {}, not with the expected key {}: the list is "
                "not the release's, or the profile has the wrong key",
                source, key_number_text(other), key_number_text(key));
  }
  const auto* message = reinterpret_cast<const uint8_t*>(file.rest.data());
  if (ed25519_sha512_verify(key.key.data(), file.rest.size(), message, record.data() + 10) != 1)
    throw Error("{}: the signature does not verify with the key {}: what it signs was altered or "
                "damaged after signing, or the key is not the signer's",
                source, key_number_text(key));
  return std::string(file.rest);
}

} // namespace xport::sysroot
