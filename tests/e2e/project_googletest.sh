# GoogleTest from Debian's libgtest-dev (its CMake sources in /usr/src/googletest), cross-built for
# aarch64 with the toolchain file of `xport emit cmake` together with a test suite that uses
# gtest_discover_tests: discovery runs the aarch64 binary at build time through the file's
# CMAKE_CROSSCOMPILING_EMULATOR (xport run), and ctest runs each test under qemu. Every test
# passes; with one deliberately failing case compiled in, ctest fails and names it.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/run_lib.bash"
gtest_src=/usr/src/googletest
[ -f "$gtest_src/CMakeLists.txt" ] ||
  fail "$gtest_src/CMakeLists.txt is missing (apt-get install libgtest-dev; scripts/install-deps.sh does)"
import_arm64_sysroot
cd "$WORK"
start=$SECONDS

mkdir project
cat >project/CMakeLists.txt <<CMAKE
cmake_minimum_required(VERSION 3.16)
project(words CXX)
set(CMAKE_CXX_STANDARD 17)
option(WITH_FAILING_TEST "compile a test case that fails" OFF)
set(BUILD_GMOCK OFF CACHE BOOL "" FORCE)
set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
add_subdirectory($gtest_src \${CMAKE_BINARY_DIR}/googletest)
enable_testing()
include(GoogleTest)
add_executable(words_test words_test.cpp)
target_link_libraries(words_test PRIVATE gtest_main)
if(WITH_FAILING_TEST)
  target_compile_definitions(words_test PRIVATE WITH_FAILING_TEST)
endif()
gtest_discover_tests(words_test)
CMAKE
cat >project/words_test.cpp <<'CXX'
#include <gtest/gtest.h>
#include <sstream>
#include <string>
#include <sys/utsname.h>
#include <thread>
#include <vector>

static std::vector<std::string> split(const std::string &text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;)
    words.push_back(w);
  return words;
}

TEST(Split, Words) { EXPECT_EQ(split("  one two\tthree\n"), (std::vector<std::string>{"one", "two", "three"})); }
TEST(Split, Empty) { EXPECT_TRUE(split(" \t ").empty()); }
TEST(Platform, RunsOnAarch64) {
  utsname u;
  ASSERT_EQ(uname(&u), 0);
  EXPECT_STREQ(u.machine, "aarch64");
  EXPECT_EQ(sizeof(long double), 16u); // IEEE quad on AArch64 Linux
}
TEST(Platform, Threads) {
  int sum = 0;
  std::thread t([&] { for (int i = 1; i <= 100; ++i) sum += i; });
  t.join();
  EXPECT_EQ(sum, 5050);
}
TEST(Platform, Exceptions) { EXPECT_THROW(std::vector<int>().at(1), std::out_of_range); }

class Count : public testing::TestWithParam<std::pair<const char *, size_t>> {};
TEST_P(Count, Words) { EXPECT_EQ(split(GetParam().first).size(), GetParam().second); }
INSTANTIATE_TEST_SUITE_P(Texts, Count,
                         testing::Values(std::make_pair("a", 1), std::make_pair("a b c", 3),
                                         std::make_pair("", 0)));
#ifdef WITH_FAILING_TEST
TEST(Split, DeliberatelyWrong) { EXPECT_EQ(split("one two").size(), 3u); }
#endif
CXX

step "$XPORT" emit cmake --target "$arm64_target" -o toolchain.cmake
expect_contains "$(cat toolchain.cmake)" "CMAKE_CROSSCOMPILING_EMULATOR" "the toolchain file"
step cmake -S project -B build -G Ninja -DCMAKE_TOOLCHAIN_FILE="$WORK/toolchain.cmake" \
  -DCMAKE_BUILD_TYPE=Debug >/dev/null || fail "cmake could not configure the project"
# The build runs words_test under qemu to list its tests (gtest_discover_tests, POST_BUILD).
step cmake --build build >build.log || { cat build.log >&2; fail "the aarch64 build failed"; }
file build/words_test | grep -q "ARM aarch64" || fail "words_test is not aarch64: $(file build/words_test)"

listed=$(ctest --test-dir build -N)
echo "$listed"
expect_contains "$listed" "Total Tests: 8" "the tests gtest_discover_tests found"
expect_contains "$listed" 'pointing to "a b c", 3)' "the tests gtest_discover_tests found"
expect_status 0 ctest --test-dir build --output-on-failure
echo "$OUT" | tail -3
expect_contains "$OUT" "100% tests passed, 0 tests failed out of 8" "ctest"

step cmake -S project -B build -DWITH_FAILING_TEST=ON >/dev/null
step cmake --build build >build.log || { cat build.log >&2; fail "the build with the failing case failed"; }
expect_status 8 ctest --test-dir build --output-on-failure
echo "$OUT" | tail -6
expect_contains "$OUT" "89% tests passed, 1 tests failed out of 9" "ctest with the failing case"
grep -E "Split.DeliberatelyWrong \(Failed\)" <<<"$OUT" >/dev/null ||
  fail "ctest did not name the failing test"
expect_contains "$OUT" "Expected equality of these values" "the failing test's output"
echo "PASS: GoogleTest and its suite built for aarch64, discovered and run under qemu ($((SECONDS - start)) s)"
