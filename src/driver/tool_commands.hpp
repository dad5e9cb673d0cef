// What the <target>-ld and <target>-pkg-config links run (`xport toolchain ld|pkg-config`): the
// target's linker with the sysroot, and pkg-config that sees the sysroot's packages (and the
// user's PKG_CONFIG_PATH), never the host's. The
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
// host's (LIBRARY_PATH and the like are dropped). `sysroot` as sysroot::open_sysroot takes it.
ToolCommand plan_linker(const target::Profile& profile, const std::string& sysroot,
                        const std::vector<std::string>& args, util::Environment env);

// pkg-config (or pkgconf) for the sysroot, as Debian's cross pkg-config: PKG_CONFIG_LIBDIR the
// sysroot's .pc folders (sysroot::pkg_config_dirs), PKG_CONFIG_SYSROOT_DIR the sysroot, the user's
// PKG_CONFIG_PATH kept. Throws xport::Error when there is no
// sysroot (pkg-config would report the host's packages) or no pkg-config.
ToolCommand plan_pkg_config(const target::Profile& profile, const std::string& sysroot,
                            const std::vector<std::string>& args, util::Environment env);

} // namespace xport::driver
