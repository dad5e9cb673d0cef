// The linker and pkg-config commands of a target (see tool_commands.hpp).
#include "driver/tool_commands.hpp"

#include "driver/host_isolation.hpp"
#include "driver/tools.hpp"
#include "sysroot/lookup.hpp"
#include "sysroot/pkg_config.hpp"
#include "util/error.hpp"

namespace xport::driver {

ToolCommand plan_linker(const target::Profile& profile, const std::string& sysroot,
                        const std::vector<std::string>& args, util::Environment env) {
  ToolCommand out;
  out.env = isolate_from_host(std::move(env));
  auto view = sysroot::open_sysroot(sysroot, profile, out.env);
  FoundClang clang = find_clang(out.env);
  require_versions(profile, clang, profile.linker == "lld");
  std::string flag = linker_flag(profile, clang);
  if (flag.starts_with("--ld-path="))
    out.argv.push_back(flag.substr(10));
  else if (profile.linker == "lld")
    out.argv.push_back(clang.lld.string());
  else
    out.argv.push_back(find_llvm_tool("ld." + profile.linker, clang, out.env).string());
  if (view)
    out.argv.push_back("--sysroot=" + view->root.string());
  out.argv.insert(out.argv.end(), args.begin(), args.end());
  return out;
}

ToolCommand plan_pkg_config(const target::Profile& profile, const std::string& sysroot,
                            const std::vector<std::string>& args, util::Environment env) {
  auto view = sysroot::open_sysroot(sysroot, profile, env);
  if (!view)
    throw Error("no sysroot for target '{}' {}: pkg-config would find the host's packages; "
                "import one with 'xport sysroot import MEDIA --target {}'",
                profile.name, sysroot::where_sysroot_was_looked_for(profile, env), profile.name);
  std::string path = env.count("PATH") ? env.at("PATH") : "";
  auto program = util::find_program("pkg-config", path);
  if (!program)
    program = util::find_program("pkgconf", path);
  if (!program)
    throw Error("pkg-config is not installed; install it with 'apt-get install pkgconf'");
  // As Debian's cross pkg-config (<triplet>-pkg-config) does: the sysroot's folders replace the
  // host's default ones (PKG_CONFIG_LIBDIR), and PKG_CONFIG_PATH, the user's own folders of staged
  // packages, stays searched first. Every path a .pc file gives is moved into the sysroot.
  ToolCommand out;
  out.env = std::move(env);
  out.env["PKG_CONFIG_LIBDIR"] = sysroot::pkg_config_libdir(*view);
  out.env["PKG_CONFIG_SYSROOT_DIR"] = view->root.string();
  out.argv = {program->string()};
  out.argv.insert(out.argv.end(), args.begin(), args.end());
  return out;
}

} // namespace xport::driver
