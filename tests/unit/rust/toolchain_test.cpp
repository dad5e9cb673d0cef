// Against the toolchains installed on this machine: rustup's nightly and Debian's rustc 1.63
// (scripts/install-deps.sh installs rustc, cargo and rust-src). A test skips when its toolchain
// is not there.
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include <gtest/gtest.h>

#include "rust/toolchain.hpp"
#include "util/error.hpp"

namespace xport::rust {
namespace {

namespace fs = std::filesystem;

util::Environment env() {
  return util::current_environment();
}

bool have_rustup_nightly() {
  try {
    find_toolchain({"nightly", {}}, env());
    return true;
  } catch (const Error&) {
    return false;
  }
}

TEST(FindToolchain, ResolvesARustupChannelToTheRealCompiler) {
  if (!have_rustup_nightly())
    GTEST_SKIP() << "no rustup nightly toolchain here";
  Toolchain t = find_toolchain({"nightly", {}}, env());
  EXPECT_TRUE(t.nightly());
  EXPECT_TRUE(t.rustup_name.starts_with("nightly-")) << t.rustup_name;
  EXPECT_EQ(t.rustc, t.sysroot / "bin" / "rustc");
  EXPECT_NE(t.release.find("-nightly"), std::string::npos);
  EXPECT_FALSE(t.commit_hash.empty());
  EXPECT_EQ(t.unstable_environment({{"RUSTC_BOOTSTRAP", "1"}}).count("RUSTC_BOOTSTRAP"), 0u);
}

TEST(FindToolchain, DebiansRustcIsNotANightlyAndGetsRustcBootstrap) {
  if (!fs::exists("/usr/bin/rustc"))
    GTEST_SKIP() << "Debian's rustc is not installed (apt-get install rustc cargo rust-src)";
  Toolchain t = find_toolchain({{}, "/usr/bin/rustc"}, env());
  EXPECT_FALSE(t.nightly());
  EXPECT_EQ(t.sysroot, "/usr");
  EXPECT_EQ(t.cargo, "/usr/bin/cargo");
  EXPECT_EQ(t.unstable_environment({}).at("RUSTC_BOOTSTRAP"), "1");
  EXPECT_EQ(library_source_remedy(t).rfind("apt-get install rust-src", 0), 0u);
}

TEST(FindToolchain, AnUnknownToolchainNamesWhatIsInstalled) {
  util::Environment e = env();
  try {
    find_toolchain({"nightyl", {}}, e);
    FAIL() << "expected an error";
  } catch (const Error& err) {
    std::string m = err.what();
    EXPECT_NE(m.find("no Rust toolchain 'nightyl'"), std::string::npos) << m;
    EXPECT_NE(m.find("rustup toolchain install nightyl"), std::string::npos) << m;
    if (have_rustup_nightly()) {
      EXPECT_NE(m.find("did you mean 'nightly'"), std::string::npos) << m;
    }
  }
}

TEST(FindToolchain, AMissingRustcPathIsAnError) {
  EXPECT_THROW(find_toolchain({{}, "/nonexistent/rustc"}, env()), Error);
  EXPECT_THROW(find_toolchain({"nightly", "/usr/bin/rustc"}, env()), UsageError);
}

TEST(RequireLibrarySource, SaysExactlyHowToGetRustSrc) {
  if (!have_rustup_nightly())
    GTEST_SKIP() << "no rustup nightly toolchain here";
  Toolchain t = find_toolchain({"nightly", {}}, env());
  if (fs::exists(t.library_source() / "core"))
    GTEST_SKIP() << "this nightly has rust-src";
  try {
    require_library_source(t, env());
    FAIL() << "expected an error";
  } catch (const Error& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("rustup component add rust-src --toolchain " + t.rustup_name),
              std::string::npos)
        << m;
    EXPECT_NE(m.find(t.release), std::string::npos) << m;
  }
}

// A rustup home with one toolchain that has its library source: a chosen compiler without one
// is told about it and the option that picks it.
TEST(RequireLibrarySource, NamesAnInstalledToolchainThatHasIt) {
  fs::path home = fs::temp_directory_path() / ("xport-rustup-" + std::to_string(::getpid()));
  fs::path with = home / "toolchains" / "1.96.0-x86_64-unknown-linux-gnu";
  fs::create_directories(with / "lib/rustlib/src/rust/library/core");
  std::ofstream(with / "lib/rustlib/src/rust/library/core/Cargo.toml") << "[package]\n";
  fs::create_directories(with / "bin");
  std::ofstream(with / "bin/rustc") << "#!/bin/sh\necho 'rustc 1.96.0 (fake 2026-01-01)'\n";
  fs::permissions(with / "bin/rustc", fs::perms::owner_all);
  fs::create_directories(home / "toolchains" / "stable-x86_64-unknown-linux-gnu");
  Toolchain chosen;
  chosen.sysroot = home / "toolchains" / "stable-x86_64-unknown-linux-gnu";
  chosen.rustc = chosen.sysroot / "bin/rustc";
  chosen.rustup_name = "stable-x86_64-unknown-linux-gnu";
  chosen.release = "1.95.0";
  util::Environment e{{"RUSTUP_HOME", home.string()}, {"PATH", ""}};
  try {
    require_library_source(chosen, e);
    FAIL() << "expected an error";
  } catch (const Error& err) {
    std::string m = err.what();
    EXPECT_NE(m.find("rustc 1.96.0 (fake 2026-01-01) (" + (with / "bin/rustc").string() +
                     ") has its library source: pass --toolchain 1.96.0-x86_64-unknown-linux-gnu"),
              std::string::npos)
        << m;
    EXPECT_NE(m.find("rustup component add rust-src --toolchain stable"), std::string::npos) << m;
  }
  fs::remove_all(home);
}

TEST(ParseVerboseVersion, ReadsReleaseAndCommit) {
  Toolchain t;
  parse_verbose_version("rustc 1.63.0\nbinary: rustc\ncommit-hash: unknown\nhost: "
                        "x86_64-unknown-linux-gnu\nrelease: 1.63.0\n",
                        t);
  EXPECT_EQ(t.release, "1.63.0");
  EXPECT_EQ(t.host, "x86_64-unknown-linux-gnu");
  EXPECT_EQ(t.commit_hash, "unknown");
  EXPECT_FALSE(t.nightly());
}

} // namespace
} // namespace xport::rust
