#include <gtest/gtest.h>

#include "util/suggest.hpp"

namespace xport::util {
namespace {

TEST(EditDistance, CountsInsertionsDeletionsSubstitutionsAndTranspositions) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("tls-model", "tls_model"), 1u);
  EXPECT_EQ(edit_distance("tls-model", "tls-modle"), 1u);
  EXPECT_EQ(edit_distance("freebsd", "dragonfly"), 8u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
}

TEST(Nearest, SuggestsTyposButNotUnrelatedNames) {
  std::vector<std::string> keys{"tls-model", "thread-pointer", "linker", "llvm-triple"};
  EXPECT_EQ(did_you_mean("tls_model", keys), " (did you mean 'tls-model'?)");
  EXPECT_EQ(did_you_mean("llvm_tripel", keys), " (did you mean 'llvm-triple'?)");
  EXPECT_EQ(did_you_mean("completely-different", keys), "");
}

TEST(Nearest, OrdersByDistanceAndHonoursTheLimit) {
  std::vector<std::string> names{"x86_64-unknown-freebsd", "aarch64-unknown-freebsd",
                                 "x86_64-unknown-netbsd"};
  auto near = nearest("x86_64-unknown-freebds", names, 2);
  ASSERT_EQ(near.size(), 2u);
  EXPECT_EQ(near[0], "x86_64-unknown-freebsd");
}

} // namespace
} // namespace xport::util
