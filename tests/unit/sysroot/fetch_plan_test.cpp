// The fetch plan from the built-in profiles' [media] tables: URLs, algorithms, keys, pins, limits.
#include <gtest/gtest.h>

#include "sysroot/checksum_list.hpp"
#include "sysroot/fetch_plan.hpp"
#include "sysroot/signify.hpp"
#include "target/catalog.hpp"
#include "util/error.hpp"

namespace xport::sysroot {
namespace {

target::Profile builtin(const std::string& name) {
  static const target::Catalog catalog = [] {
    target::SearchOptions options;
    options.user_dirs = false;
    return target::Catalog::load(options);
  }();
  return catalog.resolve(name).profile;
}

TEST(FetchPlan, FreeBsdBaseFromTheProfileMirrorOrAnArchivedRelease) {
  FetchPlan plan = plan_fetch(builtin("x86_64-unknown-freebsd"), "14.3", "", {});
  ASSERT_EQ(plan.files.size(), 1u);
  EXPECT_EQ(plan.files[0].url, "https://download.freebsd.org/releases/amd64/14.3-RELEASE/base.txz");
  EXPECT_EQ(plan.files[0].name, "base.txz");
  EXPECT_EQ(plan.checksums_url,
            "https://download.freebsd.org/releases/amd64/14.3-RELEASE/MANIFEST");
  EXPECT_EQ(plan.checksum_format, "freebsd-manifest");
  FetchPlan old = plan_fetch(builtin("x86_64-unknown-genode"), "13.2", "", {});
  EXPECT_EQ(old.files[0].url, "https://ftp-archive.freebsd.org/pub/FreeBSD-Archive/old-releases/"
                              "amd64/13.2-RELEASE/base.txz");
  FetchPlan arm = plan_fetch(builtin("aarch64-unknown-freebsd"), "", "", {});
  EXPECT_EQ(arm.release, "14.3");
  EXPECT_NE(arm.files[0].url.find("/arm64/aarch64/14.3-RELEASE/base.txz"), std::string::npos);
}

TEST(FetchPlan, PerReleaseValuesAndTheReleaseWithoutItsDot) {
  FetchPlan nine = plan_fetch(builtin("x86_64-unknown-netbsd"), "9.3", "", {});
  EXPECT_EQ(nine.files[0].url,
            "https://cdn.netbsd.org/pub/NetBSD/NetBSD-9.3/amd64/binary/sets/base.tgz");
  EXPECT_EQ(nine.files[1].name, "comp.tgz");
  FetchPlan ten = plan_fetch(builtin("x86_64-unknown-netbsd"), "10.1", "", {});
  EXPECT_EQ(ten.files[1].name, "comp.tar.xz");
  FetchPlan obsd = plan_fetch(builtin("x86_64-unknown-openbsd"), "7.7", "", {});
  EXPECT_EQ(obsd.files[0].url, "https://cdn.openbsd.org/pub/OpenBSD/7.7/amd64/base77.tgz");
  EXPECT_EQ(obsd.checksums_url, "https://cdn.openbsd.org/pub/OpenBSD/7.7/amd64/SHA256.sig");
  FetchPlan dfly = plan_fetch(builtin("x86_64-unknown-dragonfly"), "6.4.2", "", {});
  EXPECT_EQ(dfly.files[0].name, "dfly-x86_64-6.4.2_REL.iso.bz2");
}

TEST(FetchPlan, MirrorFromTheOptionThenTheEnvironment) {
  util::Environment env{{"XPORT_MIRROR_FREEBSD", "http://127.0.0.1:8000/fb/"}};
  target::Profile p = builtin("x86_64-unknown-freebsd");
  EXPECT_EQ(plan_fetch(p, "13.2", "", env).files[0].url,
            "http://127.0.0.1:8000/fb/amd64/13.2-RELEASE/base.txz");
  EXPECT_EQ(plan_fetch(p, "13.2", "/srv/mirror", env).files[0].url,
            "file:///srv/mirror/amd64/13.2-RELEASE/base.txz");
  EXPECT_EQ(mirror_variable("dragonfly"), "XPORT_MIRROR_DRAGONFLY");
}

TEST(FetchPlan, AMirrorRootNamedByTheUserIsTriedWithTheReleaseFolders) {
  target::Profile p = builtin("x86_64-unknown-freebsd");
  FetchPlan root = plan_fetch(p, "13.2", "https://ftp.de.freebsd.org/pub/FreeBSD/", {});
  EXPECT_EQ(root.checksums_url,
            "https://ftp.de.freebsd.org/pub/FreeBSD/amd64/13.2-RELEASE/MANIFEST");
  ASSERT_EQ(root.alternatives.size(), 2u);
  EXPECT_EQ(root.alternatives[0].files[0].url,
            "https://ftp.de.freebsd.org/pub/FreeBSD/releases/amd64/13.2-RELEASE/base.txz");
  EXPECT_EQ(root.alternatives[1].mirror, "https://ftp.de.freebsd.org/pub/FreeBSD/old-releases");
  // The release folder itself, or the profile's own mirror: nothing else to try.
  EXPECT_TRUE(plan_fetch(p, "13.2", "https://ftp.de.freebsd.org/pub/FreeBSD/releases", {})
                  .alternatives.empty());
  EXPECT_TRUE(plan_fetch(p, "14.3", "", {}).alternatives.empty());
  util::Environment env{{"XPORT_MIRROR_FREEBSD", "http://127.0.0.1:8000/pub/FreeBSD"}};
  EXPECT_EQ(plan_fetch(p, "14.3", "", env).alternatives.size(), 2u);
}

TEST(FetchPlan, UnknownReleaseListsTheKnownOnes) {
  try {
    plan_fetch(builtin("x86_64-unknown-openbsd"), "6.9", "", {});
    FAIL() << "accepted an unknown release";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown release '6.9'"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("7.5 7.6 7.7"), std::string::npos);
  }
}

TEST(FetchPlan, UnknownPlaceholderIsNamed) {
  EXPECT_THROW(expand_template("{mirror}/{nope}", {{"mirror", "m"}}, "files"), Error);
  EXPECT_EQ(expand_template("{mirror}/x{nodot}", {{"mirror", "m"}, {"nodot", "77"}}, "files"),
            "m/x77");
}

TEST(FetchPlan, EachOsNamesTheAlgorithmItPublishes) {
  EXPECT_EQ(plan_fetch(builtin("x86_64-unknown-freebsd"), "14.3", "", {}).checksum_algorithm,
            "sha256");
  EXPECT_EQ(plan_fetch(builtin("x86_64-unknown-netbsd"), "10.1", "", {}).checksum_algorithm,
            "sha512");
  EXPECT_EQ(plan_fetch(builtin("x86_64-unknown-openbsd"), "7.7", "", {}).checksum_algorithm,
            "sha256");
  EXPECT_EQ(plan_fetch(builtin("x86_64-unknown-dragonfly"), "6.4.2", "", {}).checksum_algorithm,
            "md5");
}

TEST(FetchPlan, OpenBsdReadsTheSignedListWithEachReleasesKey) {
  target::Profile profile = builtin("x86_64-unknown-openbsd");
  for (const std::string& release : profile.media->releases) {
    FetchPlan plan = plan_fetch(profile, release, "", {});
    EXPECT_TRUE(plan.checksums_url.ends_with("/SHA256.sig")) << plan.checksums_url;
    ASSERT_FALSE(plan.signify_key.empty()) << release;
    EXPECT_NO_THROW(parse_signify_key(plan.signify_key, release));
  }
  profile.media->releases.push_back("7.9");
  try {
    plan_fetch(profile, "7.9", "", {});
    FAIL() << "a release without a key was planned";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("no key for release 7.9"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("openbsd-79-base.pub"), std::string::npos);
  }
}

TEST(FetchPlan, OsesThatSignNothingHaveNoKey) {
  EXPECT_TRUE(plan_fetch(builtin("x86_64-unknown-netbsd"), "10.1", "", {}).signify_key.empty());
  EXPECT_TRUE(plan_fetch(builtin("x86_64-unknown-freebsd"), "14.3", "", {}).signify_key.empty());
}

TEST(FetchPlan, FreeBsd132BaseIsPinned) {
  FetchPlan plan = plan_fetch(builtin("x86_64-unknown-freebsd"), "13.2", "", {});
  ASSERT_TRUE(plan.pinned.contains("base.txz"));
  EXPECT_EQ(plan.pinned["base.txz"].algorithm, "sha256");
  EXPECT_EQ(plan.pinned["base.txz"].hex,
            "e50f7807f5d9e60492b3c83281ff2796ca0e48976b47a9139fb47e3c003890fa");
  EXPECT_TRUE(plan_fetch(builtin("x86_64-unknown-freebsd"), "14.3", "", {}).pinned.empty());
}

TEST(FetchPlan, ABsdListWithoutAnAlgorithmIsRefused) {
  target::Profile profile = builtin("x86_64-unknown-netbsd");
  profile.media->checksum_algorithm.clear();
  EXPECT_THROW(plan_fetch(profile, "10.1", "", {}), Error);
}

TEST(DownloadLimits, OptionThenProfileThenDefault) {
  target::MediaSource media;
  EXPECT_EQ(download_limits(media, 0, 0, {}).max_bytes, default_max_download_size);
  EXPECT_EQ(download_limits(media, 0, 0, {}).timeout, default_download_timeout);
  media.max_size = 1000;
  EXPECT_EQ(download_limits(media, 0, 0, {}).max_bytes, 1000u);
  EXPECT_EQ(download_limits(media, 5, 0, {}).max_bytes, 5u);
  EXPECT_EQ(download_limits(media, 0, 0, {{"XPORT_FETCH_TIMEOUT", "7"}}).timeout.count(), 7);
  EXPECT_EQ(download_limits(media, 0, 9, {{"XPORT_FETCH_TIMEOUT", "7"}}).timeout.count(), 9);
  EXPECT_THROW(download_limits(media, 0, 0, {{"XPORT_FETCH_TIMEOUT", "soon"}}), UsageError);
  EXPECT_THROW(download_limits(media, 0, 0, {{"XPORT_FETCH_TIMEOUT", "0"}}), UsageError);
}

} // namespace
} // namespace xport::sysroot
