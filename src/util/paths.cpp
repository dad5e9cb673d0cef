// xport's folders from the environment (see paths.hpp).
#include "util/paths.hpp"

#include "util/error.hpp"

namespace xport::util {
namespace fs = std::filesystem;
namespace {

std::string get(const Environment& env, const char* name) {
  auto it = env.find(name);
  return it == env.end() ? "" : it->second;
}

} // namespace

fs::path store_home(const Environment& env) {
  if (std::string home = get(env, "XPORT_HOME"); !home.empty())
    return home;
  if (std::string data = get(env, "XDG_DATA_HOME"); !data.empty())
    return fs::path(data) / "xport";
  if (std::string home = get(env, "HOME"); !home.empty())
    return fs::path(home) / ".local" / "share" / "xport";
  throw Error("cannot find a place for the sysroot store: none of XPORT_HOME, XDG_DATA_HOME and "
              "HOME is set; set XPORT_HOME (or pass --store)");
}

fs::path cache_home(const Environment& env) {
  if (std::string cache = get(env, "XDG_CACHE_HOME"); !cache.empty())
    return fs::path(cache) / "xport";
  if (std::string home = get(env, "HOME"); !home.empty())
    return fs::path(home) / ".cache" / "xport";
  throw Error("cannot find a place for xport's cache: neither XDG_CACHE_HOME nor HOME is set; "
              "set XDG_CACHE_HOME");
}

std::optional<fs::path> config_home(const Environment& env) {
  if (std::string config = get(env, "XDG_CONFIG_HOME"); !config.empty())
    return fs::path(config) / "xport";
  if (std::string home = get(env, "HOME"); !home.empty())
    return fs::path(home) / ".config" / "xport";
  return std::nullopt;
}

} // namespace xport::util
