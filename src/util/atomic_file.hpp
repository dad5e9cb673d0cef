// Writing a file so that a reader sees either the old content or all of the new one: through a
// temporary file beside it and a rename. Every part that writes a file others may read at the same
// time (caches, settings, stamps) writes it with this.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace xport::util {

// Writes `content` to `file`, creating the parent folder; `executable` sets mode 0755. Throws
// xport::Error naming the file when it cannot be written (the temporary file is removed).
void write_file_atomically(const std::filesystem::path& file, std::string_view content,
                           bool executable = false);

// The whole file. Throws xport::Error naming it when it cannot be read.
std::string read_file(const std::filesystem::path& file);
// The same for a caller with its own words for the failure ("cannot read F: <reason>").
Result<std::string> try_read_file(const std::filesystem::path& file);

} // namespace xport::util
