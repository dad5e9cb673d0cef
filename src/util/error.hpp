// The error types xport throws. Readers of untrusted input and failed operations throw Error with
// a message that names the input, the place in it, what was wrong and what to do; the command line
// layer catches it once and prints "xport: error: <message>". UsageError means the command line
// itself was wrong (exit status 2).
#pragma once

#include <stdexcept>
#include <string>

#include <fmt/format.h>

namespace xport {

class Error : public std::runtime_error {
public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}

  template <typename... Args>
  explicit Error(fmt::format_string<Args...> format, Args&&... args)
      : std::runtime_error(fmt::format(format, std::forward<Args>(args)...)) {}
};

class UsageError : public Error {
public:
  using Error::Error;
};

} // namespace xport
