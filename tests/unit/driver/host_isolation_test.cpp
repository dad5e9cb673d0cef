#include <gtest/gtest.h>

#include "driver/host_isolation.hpp"

namespace xport::driver {
namespace {

TEST(HostIsolation, TableIsSortedAndExplained) {
  auto table = leaky_variables();
  for (std::size_t i = 1; i < table.size(); ++i)
    EXPECT_LT(table[i - 1].name, table[i].name);
  for (const LeakyVariable& v : table)
    EXPECT_FALSE(v.why.empty()) << v.name;
}

TEST(HostIsolation, RemovesOnlyLeakyVariables) {
  util::Environment env = isolate_from_host({{"LIBRARY_PATH", "/usr/local/cuda/lib64/stubs"},
                                             {"CPATH", "/x"},
                                             {"PATH", "/usr/bin"},
                                             {"PKG_CONFIG_PATH", "/p"},
                                             {"XPORT_HOME", "/h"}});
  EXPECT_EQ(env.count("LIBRARY_PATH"), 0u);
  EXPECT_EQ(env.count("CPATH"), 0u);
  EXPECT_EQ(env.at("PATH"), "/usr/bin");
  EXPECT_EQ(env.at("XPORT_HOME"), "/h");
}

} // namespace
} // namespace xport::driver
