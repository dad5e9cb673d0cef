// A folder of the running test's own under the build tree, emptied first: ctest runs the tests of
// a file in parallel, and a failed test's files stay there to look at.
#pragma once

#include <filesystem>

#include <gtest/gtest.h>

namespace xport::elf::testing {

inline std::filesystem::path test_dir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::filesystem::path dir =
      std::filesystem::path(XPORT_BINARY_DIR) / "unit-elf" / info->test_suite_name() / info->name();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

} // namespace xport::elf::testing
