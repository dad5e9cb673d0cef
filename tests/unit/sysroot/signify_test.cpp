// signify files: OpenBSD's public keys parse, and an embedded signature (made by
// tests/e2e/signify_files.py with openssl's Ed25519, and checked with signify-openbsd) verifies
// with its key and with no other, altered or cut.
#include <gtest/gtest.h>

#include "sysroot/signify.hpp"
#include "util/error.hpp"

namespace xport::sysroot {
namespace {

const std::string key_line = "RWQBAgMEBQYHCOorU0THWFUexPD7/Vam26l6sgX/Wd3TNXDDWY1JRPK2";
// The same key number, another key.
const std::string other_key_line = "RWQBAgMEBQYHCCPcAzfe09jktDgy3dAXMidz6RF8cK0vtd97yDomu5B3";
const std::string message =
    "SHA256 (base77.tgz) = cae662172fd450bb0cd710a769079c05bfc5d8e35efa6576edc7d0377afdd4a2\n";
const std::string signed_file =
    "untrusted comment: verify with xport-test.pub\n"
    "RWQBAgMEBQYHCGb3L0oP+B0wsueMsSg88Eu64FaPp6zE0h8EUTQ9tJIQZpoQ0QC5oyzKNEKQXBX+jscNRbhvFLlY3Vx9"
    "iyPxHwk=\n" +
    message;

std::string error_of(const std::string& file, const std::string& key) {
  try {
    verified_message(file, parse_signify_key(key, "key"), "SHA256.sig");
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(Signify, AGoodSignatureGivesTheMessage) {
  SignifyKey key = parse_signify_key(key_line, "key");
  EXPECT_EQ(key_number_text(key), "0102030405060708");
  EXPECT_EQ(verified_message(signed_file, key, "SHA256.sig"), message);
  SignifyKey from_file =
      parse_signify_key("untrusted comment: xport test public key\n" + key_line + "\n", "k.pub");
  EXPECT_EQ(from_file.key, key.key);
}

TEST(Signify, AnAlteredMessageIsRefused) {
  std::string altered = signed_file;
  altered[altered.size() - 2] = altered[altered.size() - 2] == '0' ? '1' : '0';
  EXPECT_NE(error_of(altered, key_line).find("does not verify"), std::string::npos);
  EXPECT_NE(error_of(signed_file + "SHA256 (evil) = 00\n", key_line).find("does not verify"),
            std::string::npos);
}

TEST(Signify, AnotherKeyIsRefused) {
  EXPECT_NE(error_of(signed_file, other_key_line).find("does not verify"), std::string::npos);
  // OpenBSD 7.7's key: another key number, named in the message
  std::string wrong =
      error_of(signed_file, "RWSbCCUoGpcxVRmNb/XFYBbthxWMK7G6fNbJhb993Ohuh29WFaT9vhe2");
  EXPECT_NE(wrong.find("signed with the key numbered 0102030405060708"), std::string::npos)
      << wrong;
}

TEST(Signify, MalformedFilesAreRefused) {
  EXPECT_NE(error_of(message, key_line).find("does not begin with 'untrusted comment: '"),
            std::string::npos);
  EXPECT_NE(error_of("untrusted comment: x\n", key_line).find("without the line of base64"),
            std::string::npos);
  EXPECT_NE(error_of("untrusted comment: x\nRWQB\n", key_line).find("base64"), std::string::npos);
  EXPECT_NE(error_of("untrusted comment: x\n!!!!\n", key_line).find("base64"), std::string::npos);
  EXPECT_THROW(parse_signify_key("RWQBAgME", "key"), Error);
  EXPECT_THROW(parse_signify_key("", "key"), Error);
  // a signature record for an algorithm other than Ed25519 ("Xd")
  EXPECT_THROW(parse_signify_key("WGQBAgMEBQYHCOorU0THWFUexPD7/Vam26l6sgX/Wd3TNXDDWY1JRPK2", "key"),
               Error);
}

TEST(Signify, TheProfilesOpenBsdKeysParse) {
  for (const char* line : {"RWRGj1pRpprAfgeF/rgld4ubduChLvTkigA1Zj7WLDsVA4qfYSWOEI8q",
                           "RWTkuwn4mbq8ouJbfO4VfNH8+FdiZUosz2qIR0V0C9bm6CnVEt7CGkV0",
                           "RWSbCCUoGpcxVRmNb/XFYBbthxWMK7G6fNbJhb993Ohuh29WFaT9vhe2",
                           "RWS3/nvFmk4SWSmt/5QIk9yB4+uoAGoiYvFhVlDQBG3rWENeeIys0LWB"})
    EXPECT_NO_THROW(parse_signify_key(line, "openbsd key"));
}

} // namespace
} // namespace xport::sysroot
