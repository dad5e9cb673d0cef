// Gathering what `xport sysroot add` layers: a staged symbol-ABI tree, or the media as given and
// the Debian packages apt-get resolves.
#include "sysroot/layer_plan.hpp"

#include <system_error>
#include <utility>

#include "util/error.hpp"

namespace xport::sysroot {

RemovedFolder::RemovedFolder(RemovedFolder&& other) noexcept
    : path_(std::exchange(other.path_, {})) {}

RemovedFolder& RemovedFolder::operator=(RemovedFolder&& other) noexcept {
  if (this != &other) {
    remove();
    path_ = std::exchange(other.path_, {});
  }
  return *this;
}

RemovedFolder::~RemovedFolder() {
  remove();
}

void RemovedFolder::remove() {
  if (path_.empty())
    return;
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

LayerPlan plan_layer(const Store& store, const Sysroot& existing, const target::Profile& profile,
                     LayerSources sources, const StageAbiTree& stage_tree,
                     const FetchObserver& apt_observer) {
  const std::string& name = sources.name;
  const std::vector<std::string>& media = sources.media;
  LayerPlan plan;
  plan.request = std::move(sources.settings);
  plan.request.media.clear();
  for (const std::string& m : media)
    plan.request.media.emplace_back(m);
  // Each medium is tried as a tree in a fresh staging folder (the same path each time).
  if (profile.symbol_abi)
    for (std::size_t i = 0; i < media.size() && !plan.tree; ++i) {
      plan.staging = RemovedFolder(store.staging_folder(name));
      plan.tree = stage_tree({media[i], media[i], {}, ""}, plan.staging.path());
      if (!plan.tree)
        continue;
      if (media.size() > 1 || !sources.debs.empty())
        throw UsageError("sysroot add {}: '{}' is a {} tree; add it on its own, then the "
                         "packages",
                         name, media[i], profile.symbol_abi->format);
      plan.request.media = {plan.staging.path()};
      plan.request.recorded_as = {std::filesystem::absolute(media[i]).string()};
      plan.request.all = true;
    }
  if (!sources.debs.empty()) {
    plan.apt = resolve_debs_with_apt(store.dir() / "apt", profile, existing.manifest, sources.debs,
                                     apt_observer);
    for (const auto& deb : plan.apt->debs)
      plan.request.media.push_back(deb);
  }
  return plan;
}

} // namespace xport::sysroot
