// Gathering the inputs of build_command from the machine (see compiler.hpp). Costs matter here:
// `xport cc` runs once per compile, so the common path reads no file and runs no program: the
// sysroot's folders are probed with a few stat calls (sysroot::detect_layout), the tools are found
// in PATH, and the store's manifest is read only to explain an error.
#include "driver/compiler.hpp"

#include "driver/abi_layer_link.hpp"
#include "driver/abi_note.hpp"
#include "driver/emutls_runtime.hpp"
#include "driver/tools.hpp"
#include "sysroot/store.hpp"
#include "util/error.hpp"
#include "util/paths.hpp"
#include "util/suggest.hpp"

namespace xport::driver {
namespace {

namespace fs = std::filesystem;

bool is_folder(const std::string& path) {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

SysrootView view_of(const fs::path& root, const target::Profile& profile) {
  SysrootView view;
  std::error_code ec;
  view.root = fs::absolute(root, ec);
  view.layout = sysroot::detect_layout(view.root, profile);
  std::vector<std::string> dirs = view.layout.library_dirs;
  if (!view.layout.gcc_dir.empty())
    dirs.push_back(view.layout.gcc_dir);
  for (const std::string& dir : dirs)
    if (fs::exists(view.root / dir / "libgcc.a", ec))
      view.has_libgcc = true;
  return view;
}

fs::path store_dir(const util::Environment& env) {
  return util::store_home(env);
}

} // namespace

bool verbose(const util::Environment& env) {
  auto it = env.find("XPORT_VERBOSE");
  return it != env.end() && !it->second.empty() && it->second != "0";
}

// A folder rather than a store name: anything with a '/', or a folder that exists here.
bool names_a_folder(const std::string& name_or_path) {
  return !name_or_path.empty() &&
         (name_or_path.find('/') != std::string::npos || is_folder(name_or_path));
}

std::string lasting_sysroot_argument(const std::string& name_or_path) {
  return names_a_folder(name_or_path) ? fs::absolute(name_or_path).lexically_normal().string()
                                      : name_or_path;
}

std::optional<SysrootView> open_sysroot(const std::string& name_or_path,
                                        const target::Profile& profile,
                                        const util::Environment& env) {
  if (names_a_folder(name_or_path)) {
    if (!is_folder(name_or_path))
      throw Error("sysroot folder '{}' does not exist; import one with 'xport sysroot import "
                  "MEDIA --target {}' or pass an existing folder",
                  name_or_path, profile.name);
    return view_of(name_or_path, profile);
  }
  std::string name = name_or_path.empty() ? profile.name : name_or_path;
  fs::path root = store_dir(env) / "sysroots" / name / "root";
  if (is_folder(root.string()))
    return view_of(root, profile);
  if (name_or_path.empty())
    return std::nullopt;
  std::vector<std::string> names;
  try {
    for (const sysroot::Sysroot& known : sysroot::Store::open_for_reading(store_dir(env)).list())
      names.push_back(known.name);
  } catch (const Error&) {
    // An unreadable store: the message below still says what to do.
  }
  throw Error("no sysroot named '{}' in the store '{}'{}; import it with 'xport sysroot import "
              "MEDIA --target {} --name {}', or pass a folder",
              name, store_dir(env).string(), util::did_you_mean(name, names), profile.name, name);
}

CompilerCommand plan_compiler(const CompilerRequest& request, const util::Environment& env) {
  const target::Profile& profile = *request.profile;
  std::optional<SysrootView> sysroot = open_sysroot(request.sysroot, profile, env);
  UserArgs user = read_user_args(request.args);

  CommandInputs inputs;
  inputs.profile = &profile;
  inputs.sysroot = sysroot ? &*sysroot : nullptr;
  inputs.language = request.language;
  inputs.user_args = request.args;
  inputs.environment = &env;
  inputs.toolchain = find_toolchain(profile, request.language, user.links(), env);

  if (sysroot && profile.symbol_abi && user.links()) {
    sysroot->abi_layer = abi_layer_link(profile, *sysroot, env);
    if (!sysroot->abi_layer)
      note_missing_layer_once(profile, *sysroot, env);
  }
  bool emulated = user.emulated_tls.value_or(profile.tls_model == target::TlsModel::emulated);
  if (sysroot && emulated && user.links() &&
      emutls_provider(profile, &*sysroot, inputs.toolchain, user) != EmutlsProvider::abi_layer) {
    sysroot->emutls_archive = find_sysroot_emutls(sysroot->root, sysroot->layout);
    if (emutls_provider(profile, &*sysroot, inputs.toolchain, user) ==
        EmutlsProvider::xport_runtime)
      inputs.own_emutls_archive =
          ensure_emutls_runtime(profile, *sysroot, env, util::cache_home(env) / "driver").string();
  }
  if (sysroot && !sysroot->abi_layer && link_loses_abi_note(profile, user))
    inputs.abi_note_object =
        ensure_abi_note_object(profile, *sysroot, env, util::cache_home(env) / "driver");
  return build_command(inputs);
}

} // namespace xport::driver
