// libFuzzer target for the argument readers every compile goes through: the input, split at NUL
// bytes into words, is read as `xport cc` reads its command line (xport's leading options, then
// clang's arguments, @response files not followed) and as the driver reads clang's arguments.
// Any input must be accepted or rejected with xport::UsageError, never crash or hang.
#include <cstdint>
#include <string>
#include <vector>

#include "driver/user_args.hpp"
#include "util/error.hpp"
#include "util/leading_options.hpp"

namespace {

constexpr xport::util::OptionSpec options[] = {{"--print-command", "", false},
                                               {"--profile", "", true},
                                               {"--sysroot", "", true},
                                               {"--target", "-t", true}};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::string> words(1);
  for (size_t i = 0; i < size; ++i) {
    if (data[i] == 0)
      words.emplace_back();
    else
      words.back() += static_cast<char>(data[i]);
  }
  for (auto unknown :
       {xport::util::UnknownOption::ends_options, xport::util::UnknownOption::is_an_error}) {
    try {
      xport::util::LeadingOptions given =
          xport::util::split_leading_options(words, options, unknown, "xport cc");
      std::vector<std::string> clang_args;
      for (const std::string& w : given.rest)
        if (!w.starts_with("@")) // response files would read the machine's files
          clang_args.push_back(w);
      (void)xport::driver::read_user_args(clang_args);
    } catch (const xport::UsageError&) {
    }
  }
  return 0;
}
