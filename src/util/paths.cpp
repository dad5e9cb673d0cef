// xport's folders from the environment, and its own path (see paths.hpp).
#include "util/paths.hpp"

#include "util/error.hpp"

namespace xport::util {
namespace fs = std::filesystem;

fs::path store_home(const Environment& env) {
  if (std::string home = env_or(env, "XPORT_HOME", ""); !home.empty())
    return home;
  if (std::string data = env_or(env, "XDG_DATA_HOME", ""); !data.empty())
    return fs::path(data) / "xport";
  if (std::string home = env_or(env, "HOME", ""); !home.empty())
    return fs::path(home) / ".local" / "share" / "xport";
  throw Error("cannot find a place for the sysroot store: none of XPORT_HOME, XDG_DATA_HOME and "
              "HOME is set; set XPORT_HOME (or pass --store)");
}

fs::path cache_home(const Environment& env) {
  if (std::string cache = env_or(env, "XDG_CACHE_HOME", ""); !cache.empty())
    return fs::path(cache) / "xport";
  if (std::string home = env_or(env, "HOME", ""); !home.empty())
    return fs::path(home) / ".cache" / "xport";
  throw Error("cannot find a place for xport's cache: neither XDG_CACHE_HOME nor HOME is set; "
              "set XDG_CACHE_HOME");
}

std::optional<fs::path> config_home(const Environment& env) {
  if (std::string config = env_or(env, "XDG_CONFIG_HOME", ""); !config.empty())
    return fs::path(config) / "xport";
  if (std::string home = env_or(env, "HOME", ""); !home.empty())
    return fs::path(home) / ".config" / "xport";
  return std::nullopt;
}

fs::path self_path() {
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (ec)
    throw Error("cannot find xport's own path (/proc/self/exe): {}", ec.message());
  return self;
}

} // namespace xport::util
