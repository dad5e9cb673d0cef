// Gathering the inputs of build_command from the machine (see compiler.hpp). Costs matter here:
// `xport cc` runs once per compile, so the common path reads no file and runs no program: the
// sysroot's folders are probed with a few stat calls (sysroot::detect_layout), the tools are found
// in PATH, and the store's manifest is read only to explain an error.
#include "driver/compiler.hpp"

#include "driver/abi_layer_link.hpp"
#include "driver/abi_note.hpp"
#include "driver/emutls_runtime.hpp"
#include "driver/tools.hpp"
#include "sysroot/lookup.hpp"
#include "util/paths.hpp"

namespace xport::driver {
namespace {

// The sysroot found, as a link will add to it.
std::optional<SysrootView> view_of(std::optional<sysroot::FoundSysroot> found) {
  if (!found)
    return std::nullopt;
  SysrootView view;
  static_cast<sysroot::FoundSysroot&>(view) = std::move(*found);
  return view;
}

} // namespace

bool verbose(const util::Environment& env) {
  auto it = env.find("XPORT_VERBOSE");
  return it != env.end() && !it->second.empty() && it->second != "0";
}

CompilerCommand plan_compiler(const CompilerRequest& request, const util::Environment& env) {
  const target::Profile& profile = *request.profile;
  std::optional<SysrootView> sysroot =
      view_of(sysroot::open_sysroot(request.sysroot, profile, env));
  CommandInputs inputs;
  inputs.user = UserArgList(request.args);
  const UserArgs& user = inputs.user.asks;
  inputs.profile = &profile;
  inputs.sysroot = sysroot ? &*sysroot : nullptr;
  inputs.language = request.language;
  inputs.environment = &env;
  inputs.toolchain = find_toolchain(profile, request.language, user.links(), env, request.clang);

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
          ensure_emutls_runtime(profile, *sysroot, env, util::cache_home(env) / "driver",
                                request.clang)
              .string();
  }
  if (sysroot && !sysroot->abi_layer && link_loses_abi_note(profile, user))
    inputs.abi_note_object = ensure_abi_note_object(
        profile, *sysroot, env, util::cache_home(env) / "driver", request.clang);
  return build_command(inputs);
}

} // namespace xport::driver
