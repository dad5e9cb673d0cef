// One reader of commands written in a variable or an option (XPORT_RUNNER_<TARGET>, --runner,
// XPORT_LAUNCHER): POSIX shell word syntax, 'single' and "double" quotes and backslash escapes, no
// expansions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace xport::util {

// The words of `text`; none for blank text. Throws xport::Error naming `origin` (the variable or
// option the text came from) for an unterminated quote.
std::vector<std::string> split_shell_words(std::string_view text, std::string_view origin);

} // namespace xport::util
