// `xport sysroot fetch`: a target's media downloaded from where its profile says ([media]),
// checked against the checksums the OS publishes, cached by checksum, and imported into the store
// exactly as `xport sysroot import` would (Store::import: all or nothing).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sysroot/download.hpp"
#include "sysroot/store.hpp"

namespace xport::sysroot {

struct FetchRequest {
  std::string release;            // "" = the profile's default
  std::string mirror;             // "" = $XPORT_MIRROR_<OS>, else the profile's
  ImportRequest import;           // name, force, limits ...; media are filled in by fetch
  uint64_t max_download_size = 0; // of one medium; 0 = the profile's media.max-size, else 4 GiB
  uint64_t timeout = 0;           // seconds per medium; 0 = $XPORT_FETCH_TIMEOUT, else an hour
  // Per medium, in the profile's order: the SHA-256 it must have (--expect-sha256), or none;
  // each overrides the profile's pin of that medium.
  std::vector<std::string> expect_sha256;
};

// What a fetch did, for the command to tell.
struct FetchReport {
  std::string release;
  std::string mirror;
  struct File {
    std::string url;
    std::string algorithm, hex; // the checksum it matched ("apt" for apt's own checks)
    bool from_cache = false;
    uint64_t bytes = 0, resumed_from = 0;
    std::string pinned; // "sha256:<hex>" it also matched (media.pinned, --expect-sha256)
  };
  std::vector<File> files;
  std::string cache; // where the downloads are kept
  bool list_downloaded = false;
  std::string list_signed_by;     // the signify key number the list verified with; "" = unsigned
  std::vector<std::string> notes; // "md5 is weak ...", "the list is not signed ..."
  bool downloaded_nothing() const;
};

// Callbacks for what the command shows while it runs.
struct FetchObserver {
  DownloadProgress progress;                   // bytes of the file being downloaded
  std::function<void(const std::string&)> say; // a line for the user ("downloading ...")
  ImportObserver* import = nullptr;
  std::function<void()> on_wait;
};

Sysroot fetch(Store& store, const target::Profile& profile, FetchRequest request,
              const FetchObserver& observer, FetchReport& report);

// The apt way (media.kind = "apt"): the packages, with the dependencies apt resolves, downloaded by
// apt-get under a private state and cache in the store (apt/), from the machine's configured
// Debian archive, without root, dpkg --add-architecture or any change to the machine. Returns the
// .deb files in import order.
std::vector<std::filesystem::path> fetch_with_apt(const std::filesystem::path& apt_dir,
                                                  const target::Profile& profile,
                                                  const FetchObserver& observer,
                                                  FetchReport& report);

// `xport sysroot add NAME --deb PACKAGE...`: Debian packages for a sysroot's architecture
// (media.arch: zlib1g-dev -> zlib1g-dev:arm64), resolved with their dependencies by apt-get under a
// private state (<store>/apt/multiarch-<arch>) that reads the machine's architecture and the
// sysroot's. To that apt the machine's packages are installed (build tools it needs are named, not
// fetched) and so are the ones the sysroot holds (its libc, from the cross packages it was made
// of), so only what is missing is downloaded. No root, no dpkg --add-architecture.
struct DebResolution {
  std::vector<std::filesystem::path> debs; // to layer, in apt's order
  std::vector<std::string> layered;        // "zlib1g:arm64 1:1.2.13.dfsg-1"
  std::vector<std::string> already;        // requested packages the sysroot holds
  std::vector<std::string> provided;       // what apt was told the sysroot holds
  std::vector<std::string> host_tools;     // the machine's packages apt would add (not layered)
  std::size_t from_cache = 0;              // of debs, how many were downloaded before
  std::string cache;
};

DebResolution resolve_debs_with_apt(const std::filesystem::path& apt_dir,
                                    const target::Profile& profile, const Manifest& sysroot,
                                    const std::vector<std::string>& packages,
                                    const FetchObserver& observer);

} // namespace xport::sysroot
