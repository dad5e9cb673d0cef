// The checksum lists OSes publish: parsing each format, and choosing the entry of the algorithm
// the OS publishes and no other.
#include <gtest/gtest.h>

#include "sysroot/checksum_list.hpp"
#include "util/error.hpp"

namespace xport::sysroot {
namespace {

TEST(ChecksumList, FreeBsdManifest) {
  std::string sum(64, 'a');
  auto sums = parse_checksum_list("base.txz\t" + sum + "\t26857\tbase\t\"Base system\"\ton\n" +
                                      "kernel.txz\tnot-a-sum\t1\tkernel\t\"Kernel\"\ton\n",
                                  "freebsd-manifest", "MANIFEST");
  ASSERT_EQ(sums.size(), 1u);
  ASSERT_EQ(sums["base.txz"].size(), 1u);
  EXPECT_EQ(sums["base.txz"][0].algorithm, "sha256");
  EXPECT_EQ(sums["base.txz"][0].hex, sum);
}

TEST(ChecksumList, BsdTaggedLines) {
  std::string sha512(128, 'B'), md5(32, 'c');
  auto sums = parse_checksum_list("SHA512 (base.tar.xz) = " + sha512 +
                                      "\r\nMD5 (dfly-x86_64-6.4.2_REL.iso.bz2) = " + md5 +
                                      "\nSHA512 (short) = abc\n",
                                  "bsd", "SHA512");
  ASSERT_EQ(sums.size(), 2u);
  EXPECT_EQ(sums["base.tar.xz"][0].algorithm, "sha512");
  EXPECT_EQ(sums["base.tar.xz"][0].hex, std::string(128, 'b'));
  EXPECT_EQ(sums["dfly-x86_64-6.4.2_REL.iso.bz2"][0].algorithm, "md5");
  EXPECT_TRUE(weak_checksum("md5"));
  EXPECT_THROW(parse_checksum_list("", "sfv", "x"), Error);
}

TEST(ChecksumList, AnHtmlPageHasNoEntries) {
  EXPECT_TRUE(parse_checksum_list("<!DOCTYPE html>\n<html><body>Back soon (1) = 2</body></html>\n",
                                  "bsd", "SHA512")
                  .empty());
  EXPECT_TRUE(parse_checksum_list("<html>\t<body>\n", "freebsd-manifest", "MANIFEST").empty());
  EXPECT_EQ(text_excerpt("<!DOCTYPE html>\n<html>"), "<!DOCTYPE html> <html>");
}

TEST(PublishedChecksum, TheOsAlgorithmIsTaken) {
  std::string sha512(128, 'a'), md5(32, 'b');
  auto entries = parse_checksum_list(
      "MD5 (base.tar.xz) = " + md5 + "\nSHA512 (base.tar.xz) = " + sha512 + "\n", "bsd", "SHA512");
  Result<PublishedChecksum> sum =
      published_checksum(entries, "base.tar.xz", "sha512", "SHA512", "10.1", "NetBSD");
  ASSERT_TRUE(sum) << sum.error();
  EXPECT_EQ(sum->hex, sha512);
}

TEST(PublishedChecksum, AWeakerAlgorithmIsRefused) {
  std::string md5(32, 'b'), sha256(64, 'c');
  auto entries = parse_checksum_list(
      "MD5 (base.tar.xz) = " + md5 + "\nSHA256 (comp.tar.xz) = " + sha256 + "\n", "bsd", "SHA512");
  Result<PublishedChecksum> sum =
      published_checksum(entries, "base.tar.xz", "sha512", "SHA512", "10.1", "NetBSD");
  ASSERT_FALSE(sum);
  EXPECT_NE(sum.error().find("only as md5, and NetBSD publishes sha512"), std::string::npos)
      << sum.error();
  EXPECT_FALSE(published_checksum(entries, "comp.tar.xz", "sha512", "SHA512", "10.1", "NetBSD"));
  // OpenBSD's SHA256 with an MD5 line
  EXPECT_FALSE(published_checksum(entries, "base.tar.xz", "sha256", "SHA256", "7.7", "OpenBSD"));
}

TEST(PublishedChecksum, AMissingOrContradictoryEntryIsRefused) {
  std::string a(64, 'a'), b(64, 'b');
  auto entries = parse_checksum_list(
      "SHA256 (base77.tgz) = " + a + "\nSHA256 (base77.tgz) = " + b + "\n", "bsd", "SHA256");
  Result<PublishedChecksum> twice =
      published_checksum(entries, "base77.tgz", "sha256", "SHA256", "7.7", "OpenBSD");
  ASSERT_FALSE(twice);
  EXPECT_NE(twice.error().find("two different sha256 sums"), std::string::npos);
  Result<PublishedChecksum> none =
      published_checksum(entries, "comp77.tgz", "sha256", "SHA256", "7.7", "OpenBSD");
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().find("has no entry for comp77.tgz (release 7.7)"), std::string::npos);
}

} // namespace
} // namespace xport::sysroot
