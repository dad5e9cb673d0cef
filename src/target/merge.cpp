// Inheritance: later files in the chain override earlier ones key by key (see merge.hpp).
#include "target/merge.hpp"

namespace xport::target {

ResolvedProfile merge_chain(std::span<const ProfileFile* const> chain) {
  ResolvedProfile out;
  for (std::size_t i = 0; i < chain.size(); ++i) {
    const ProfileFile& file = *chain[i];
    bool own = i + 1 == chain.size();
    for (const Setting& setting : file.settings) {
      if (!setting.inherited && !own)
        continue;
      if (setting.list) {
        std::vector<std::string> inherited;
        if (auto it = out.fields.find(setting.key); it != out.fields.end())
          inherited = it->second.get<std::vector<std::string>>();
        out.fields[setting.key] = setting.list->apply(std::move(inherited));
      } else {
        out.fields[setting.key] = setting.value;
      }
      out.origins[setting.key] = setting.origin;
    }
  }
  out.profile = profile_from_fields(out.fields);
  for (auto it = chain.rbegin(); it != chain.rend(); ++it)
    out.profile.inherits_chain.push_back((*it)->name);
  if (!chain.empty())
    out.abstract = chain.back()->abstract;
  return out;
}

} // namespace xport::target
