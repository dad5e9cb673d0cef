#include <gtest/gtest.h>

#include "run/host.hpp"

namespace xport::run {
namespace {

target::Profile profile(std::string name, std::string arch, std::string os,
                        std::vector<std::string> chain = {}) {
  target::Profile p;
  p.name = name;
  p.arch = arch;
  p.os = os;
  p.inherits_chain = chain.empty() ? std::vector<std::string>{name} : chain;
  return p;
}

TEST(RunsNatively, SameArchitectureAndOperatingSystem) {
  Host host{"x86_64", "linux"};
  EXPECT_TRUE(runs_natively(profile("x86_64-unknown-linux-gnu", "x86_64", "linux"), host));
  EXPECT_TRUE(runs_natively(profile("x86_64-unknown-linux-musl", "x86_64", "linux"), host));
  EXPECT_FALSE(runs_natively(profile("aarch64-unknown-linux-gnu", "aarch64", "linux"), host));
  EXPECT_FALSE(runs_natively(profile("x86_64-unknown-freebsd", "x86_64", "freebsd"), host));
}

TEST(RunsNatively, ARuntimeLayeredOverAHostLinuxProfile) {
  Host host{"x86_64", "linux"};
  auto genode_like = profile("x86_64-genode-like", "x86_64", "genode",
                             {"x86_64-genode-like", "x86_64-unknown-linux-gnu", "linux-base"});
  EXPECT_TRUE(runs_natively(genode_like, host));
  auto genode = profile("x86_64-unknown-genode", "x86_64", "freebsd",
                        {"x86_64-unknown-genode", "x86_64-unknown-freebsd", "freebsd-base"});
  EXPECT_FALSE(runs_natively(genode, host));
}

TEST(HostNames, UnameSpellingsAndQemuNames) {
  EXPECT_EQ(profile_arch("amd64"), "x86_64");
  EXPECT_EQ(profile_arch("arm64"), "aarch64");
  EXPECT_EQ(profile_arch("riscv64"), "riscv64");
  EXPECT_EQ(qemu_program("aarch64", ""), "qemu-aarch64");
  EXPECT_EQ(qemu_program("i686", ""), "qemu-i386");
  EXPECT_EQ(qemu_program("arm", "arm"), "qemu-arm");
  EXPECT_EQ(qemu_program("arm", "qemu-armeb"), "qemu-armeb");
  EXPECT_FALSE(current_host().arch.empty());
}

} // namespace
} // namespace xport::run
