// What `xport sysroot fetch` downloads for a target and a release: the profile's [media] templates
// with their placeholders filled in, the mirror chosen (--mirror, then $XPORT_MIRROR_<OS>, then the
// release's own, then the profile's), and where the OS's checksum list is. Pure: no network.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sysroot/checksum_list.hpp"
#include "sysroot/download.hpp"
#include "target/profile.hpp"
#include "util/process.hpp"

namespace xport::sysroot {

struct FetchFile {
  std::string url;
  std::string name; // the URL's last part: how the checksum list names the file
};

// The URLs of one release at one mirror.
struct MirrorUrls {
  std::string mirror; // as a URL (a local folder becomes file://)
  std::vector<FetchFile> files;
  std::string checksums_url;
};

struct FetchPlan : MirrorUrls {
  std::string release;
  std::string checksum_format;    // "freebsd-manifest" or "bsd"
  std::string checksum_algorithm; // the one the OS publishes: another's entries are refused
  // The signify public key (base64) the list must be signed with; "" = the OS signs nothing.
  std::string signify_key;
  // File name -> the digest the profile pins for this release (media.pinned).
  std::map<std::string, PublishedChecksum> pinned;
  // Where the user named a mirror: the same URLs at that mirror with each of the profile's
  // media.mirror-folders appended (a mirror's root rather than its release folder), tried in
  // this order when the first has no checksum list.
  std::vector<MirrorUrls> alternatives;
};

// Fills `text`'s {placeholders} from `values`. Throws xport::Error naming `what` (the profile key)
// and the unknown placeholder, with the known ones.
std::string expand_template(std::string_view text, const std::map<std::string, std::string>& values,
                            std::string_view what);

// "XPORT_MIRROR_FREEBSD" for os "freebsd".
std::string mirror_variable(std::string_view os);

// A mirror as given by a user: a URL as it is, a local folder as a file:// URL of its absolute
// path.
std::string mirror_url(std::string_view mirror);

// The plan for `profile` (whose media.kind is "files"). `release` "" means media.default-release;
// `mirror` "" means $XPORT_MIRROR_<OS> from `env`, else the release's or the profile's mirror.
// A mirror from the option or the variable gets `alternatives` below it.
// Throws UsageError for an unknown release (listing the known ones) and Error for a profile
// without [media], a checksum algorithm it does not name, a signed list without the release's
// key, or a malformed pin.
FetchPlan plan_fetch(const target::Profile& profile, std::string_view release,
                     std::string_view mirror, const util::Environment& env);

// The limits of a medium's download: `max_size` (--max-download-size; 0 = the profile's
// media.max-size, else 4 GiB) and `timeout` in seconds (--timeout; 0 = $XPORT_FETCH_TIMEOUT from
// `env`, else an hour). Throws UsageError for a variable that is not a number of seconds.
DownloadLimits download_limits(const target::MediaSource& media, uint64_t max_size,
                               uint64_t timeout, const util::Environment& env);

} // namespace xport::sysroot
