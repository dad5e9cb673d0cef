// What `xport sysroot add` layers onto a sysroot, gathered before the store takes it: packages
// and folders as the user named them; a symbol-ABI tree (Genode's) among them, staged as a layer
// of its own (its symbol files, link recipe and stubs) in a folder of the store's file system,
// which is then added like any folder; and Debian packages that apt-get resolves with their
// dependencies and downloads (fetch_apt.cpp), without those the sysroot holds already.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sysroot/fetch.hpp"
#include "sysroot/media.hpp"
#include "sysroot/store.hpp"
#include "sysroot/symbol_abi.hpp"
#include "target/profile.hpp"

namespace xport::sysroot {

// A folder removed, with what it holds, when its owner goes (however the command ends).
class RemovedFolder {
public:
  RemovedFolder() = default;
  explicit RemovedFolder(std::filesystem::path path) : path_(std::move(path)) {}
  RemovedFolder(RemovedFolder&& other) noexcept;
  RemovedFolder& operator=(RemovedFolder&& other) noexcept;
  ~RemovedFolder();
  const std::filesystem::path& path() const { return path_; }

private:
  void remove();
  std::filesystem::path path_;
};

// Stages the symbol-ABI tree in `medium` as a layer in the empty folder `staging`, or nullopt
// when the medium holds no tree of the profile's format. The driver's stage_abi_layer: making
// the stubs runs clang and lld, which this part does not.
using StageAbiTree = std::function<std::optional<StagedTree>(const MediumSource& medium,
                                                             const std::filesystem::path& staging)>;

// What the user asked to layer onto the sysroot `name`.
struct LayerSources {
  std::string name;
  std::vector<std::string> media; // .deb and .pkg files, tar archives, folders
  std::vector<std::string> debs;  // Debian packages for apt-get: "zlib1g-dev", "libssl-dev:arm64"
  // The add's other settings (all, the size limits ...): the plan's request starts from them.
  ImportRequest settings;
};

struct LayerPlan {
  ImportRequest request;            // what Store::add takes
  std::optional<StagedTree> tree;   // a symbol-ABI tree among the media, staged as the layer
  std::optional<DebResolution> apt; // the Debian packages as apt resolved them
  RemovedFolder staging;            // where the tree was staged; removed with the plan

  // Every Debian package asked for is in the sysroot already, and no medium was named.
  bool nothing_to_add() const { return apt && apt->debs.empty() && request.media.empty(); }
};

// The plan for layering `sources` onto `existing`, a sysroot of `store` imported for `profile`'s
// target. A tree is looked for only when the profile has a symbol ABI; apt's progress lines go to
// `apt_observer.say`. Throws UsageError when a tree comes with other media or packages (it is
// added on its own), xport::Error when staging the tree or apt-get fails.
LayerPlan plan_layer(const Store& store, const Sysroot& existing, const target::Profile& profile,
                     LayerSources sources, const StageAbiTree& stage_tree,
                     const FetchObserver& apt_observer);

} // namespace xport::sysroot
