// Result<T>: a value or a failure message, for helpers low down that should not throw (in the
// spirit of std::expected, which g++ 12 lacks). Callers that cannot handle the failure call
// value(), which throws xport::Error with the message.
#pragma once

#include <string>
#include <utility>
#include <variant>

#include "util/error.hpp"

namespace xport {

struct Failure {
  std::string message;
};

template <typename T> class [[nodiscard]] Result {
public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Result(Failure failure) : state_(std::in_place_index<1>, std::move(failure)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    check();
    return std::get<0>(state_);
  }
  T&& value() && {
    check();
    return std::get<0>(std::move(state_));
  }
  const T& value() const& {
    check();
    return std::get<0>(state_);
  }
  T& operator*() { return value(); }
  T* operator->() { return &value(); }

  const std::string& error() const { return std::get<1>(state_).message; }

private:
  void check() const {
    if (!ok())
      throw Error(std::get<1>(state_).message);
  }
  std::variant<T, Failure> state_;
};

template <typename... Args> Failure fail(fmt::format_string<Args...> format, Args&&... args) {
  return Failure{fmt::format(format, std::forward<Args>(args)...)};
}

} // namespace xport
