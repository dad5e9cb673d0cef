// Formatting of profile-file problems.
#include "target/diagnostic.hpp"

#include <fmt/format.h>

namespace xport::target {

std::string Diagnostic::str() const {
  if (where.line <= 0)
    return fmt::format("{}: {}", where.file, message);
  return fmt::format("{}:{}:{}: {}", where.file, where.line, where.column, message);
}

namespace {
std::string join(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    if (!out.empty())
      out += '\n';
    out += d.str();
  }
  return out;
}
} // namespace

ProfileError::ProfileError(std::vector<Diagnostic> diagnostics)
    : Error(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

} // namespace xport::target
