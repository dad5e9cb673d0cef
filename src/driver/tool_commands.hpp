// What the <target>-ld and <target>-pkg-config links run (`xport toolchain ld|pkg-config`): the
// target's linker with the sysroot, and pkg-config that sees only the sysroot's packages. The
// command layer reads the options and execs the result.
#pragma once

#include <string>
#include <vector>

#include "target/profile.hpp"
#include "util/process.hpp"

namespace xport::driver {

struct ToolCommand {
  std::vector<std::string> argv;
  util::Environment env;
};

// lld (or the linker linker_flag() picks where lld cannot link the target), with
// --sysroot=<the sysroot> before the caller's arguments. The environment is isolated from the
// host's (LIBRARY_PATH and the like are dropped). `sysroot` as open_sysroot takes it.
ToolCommand plan_linker(const target::Profile& profile, const std::string& sysroot,
                        const std::vector<std::string>& args, util::Environment env);

// pkg-config (or pkgconf) confined to the sysroot: PKG_CONFIG_PATH dropped, PKG_CONFIG_LIBDIR the
// sysroot's .pc folders, PKG_CONFIG_SYSROOT_DIR the sysroot. Throws xport::Error when there is no
// sysroot (pkg-config would report the host's packages) or no pkg-config.
ToolCommand plan_pkg_config(const target::Profile& profile, const std::string& sysroot,
                            const std::vector<std::string>& args, util::Environment env);

} // namespace xport::driver
