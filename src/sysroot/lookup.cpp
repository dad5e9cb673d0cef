// Finding a sysroot (see lookup.hpp).
#include "sysroot/lookup.hpp"

#include <fmt/format.h>

#include "sysroot/store.hpp"
#include "util/error.hpp"
#include "util/paths.hpp"
#include "util/suggest.hpp"

namespace xport::sysroot {
namespace {

namespace fs = std::filesystem;

bool is_folder(const std::string& path) {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

FoundSysroot found_at(const fs::path& root, const target::Profile& profile) {
  FoundSysroot found;
  std::error_code ec;
  found.root = fs::absolute(root, ec);
  found.layout = detect_layout(found.root, profile);
  std::vector<std::string> dirs = found.layout.library_dirs;
  if (!found.layout.gcc_dir.empty())
    dirs.push_back(found.layout.gcc_dir);
  for (const std::string& dir : dirs)
    if (fs::exists(found.root / dir / "libgcc.a", ec))
      found.has_libgcc = true;
  return found;
}

} // namespace

bool names_a_folder(const std::string& name_or_path) {
  return !name_or_path.empty() &&
         (name_or_path.find('/') != std::string::npos || is_folder(name_or_path));
}

std::string lasting_sysroot_argument(const std::string& name_or_path) {
  return names_a_folder(name_or_path) ? fs::absolute(name_or_path).lexically_normal().string()
                                      : name_or_path;
}

std::optional<FoundSysroot> open_sysroot(const std::string& name_or_path,
                                         const target::Profile& profile,
                                         const util::Environment& env) {
  if (names_a_folder(name_or_path)) {
    if (!is_folder(name_or_path))
      throw Error("sysroot folder '{}' does not exist; import one with 'xport sysroot import "
                  "MEDIA --target {}' or pass an existing folder",
                  name_or_path, profile.name);
    return found_at(name_or_path, profile);
  }
  std::string name = name_or_path.empty() ? profile.name : name_or_path;
  fs::path store = util::store_home(env);
  fs::path root = sysroot_root(store, name);
  if (is_folder(root.string()))
    return found_at(root, profile);
  if (name_or_path.empty())
    return std::nullopt;
  std::vector<std::string> names;
  try {
    for (const Sysroot& known : Store::open_for_reading(store).list())
      names.push_back(known.name);
  } catch (const Error&) {
    // An unreadable store: the message below still says what to do.
  }
  throw Error("no sysroot named '{}' in the store '{}'{}; import it with 'xport sysroot import "
              "MEDIA --target {} --name {}', or pass a folder",
              name, store.string(), util::did_you_mean(name, names), profile.name, name);
}

std::string where_sysroot_was_looked_for(const target::Profile& profile,
                                         const util::Environment& env) {
  fs::path store;
  try {
    store = util::store_home(env);
  } catch (const Error&) {
    return "(no store: XPORT_HOME, XDG_DATA_HOME and HOME are all unset)";
  }
  return fmt::format("in the store '{}' (no {})", store.string(),
                     sysroot_folder(store, profile.name).string());
}

} // namespace xport::sysroot
