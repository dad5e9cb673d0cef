// Problems found in profile files. The loader records every problem of every file (not just the
// first) and throws them together as one ProfileError, each as "file:line:col: message".
#pragma once

#include <string>
#include <vector>

#include "target/profile.hpp"
#include "util/error.hpp"

namespace xport::target {

struct Diagnostic {
  FieldOrigin where; // line 0: the file as a whole (unreadable, missing)
  std::string message;

  std::string str() const; // "targets/foo.toml:7:1: unknown key 'tls_model' (did you mean ...)"
};

class ProfileError : public Error {
public:
  explicit ProfileError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

private:
  std::vector<Diagnostic> diagnostics_;
};

// A name given to resolve() that no profile file defines. The command line turns it into a usage
// error; the message already carries "did you mean".
class UnknownTarget : public Error {
public:
  using Error::Error;
};

} // namespace xport::target
