// One rule reads --sysroot NAME|PATH for every command: open_sysroot, and what is handed on to
// processes that run in another folder (toolchain links, cargo's linker and runner, rust specs).
#include <filesystem>

#include <gtest/gtest.h>

#include "sysroot/lookup.hpp"
#include "util/error.hpp"

namespace xport::sysroot {
namespace {

namespace fs = std::filesystem;

TEST(SysrootArgument, FoldersBecomeAbsoluteAndStoreNamesStay) {
  EXPECT_EQ(lasting_sysroot_argument(""), "");
  EXPECT_EQ(lasting_sysroot_argument("freebsd-13.2"), "freebsd-13.2");
  EXPECT_EQ(lasting_sysroot_argument("/srv/sysroots/fbsd"), "/srv/sysroots/fbsd");
  EXPECT_EQ(lasting_sysroot_argument("media/../fbsd"), (fs::current_path() / "fbsd").string());
  // A folder that exists here is a folder even without a '/', as open_sysroot reads it.
  fs::path here = fs::temp_directory_path() / ("xport-sysroot-arg-" + std::to_string(::getpid()));
  fs::create_directories(here / "fbsd");
  fs::path old = fs::current_path();
  fs::current_path(here);
  EXPECT_EQ(lasting_sysroot_argument("fbsd"), (here / "fbsd").string());
  EXPECT_EQ(lasting_sysroot_argument("not-here"), "not-here");
  fs::current_path(old);
  fs::remove_all(here);
}

TEST(SysrootArgument, AMissingFolderIsAnErrorAndCreatesNothing) {
  target::Profile p;
  p.name = "x86_64-unknown-freebsd";
  fs::path store =
      fs::temp_directory_path() / ("xport-sysroot-store-" + std::to_string(::getpid()));
  util::Environment env{{"XPORT_HOME", store.string()}};
  EXPECT_THROW(open_sysroot("/no/such/sysroot", p, env), Error);
  EXPECT_THROW(open_sysroot("no-such-name", p, env), Error);
  EXPECT_EQ(open_sysroot("", p, env), std::nullopt);
  EXPECT_FALSE(fs::exists(store)) << "a lookup must not create the store";
}

} // namespace
} // namespace xport::sysroot
