// "Did you mean" for every unknown name: keys, targets, subcommands, options, crates.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace xport::util {

// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidates closest to `word`, best first, at most `limit`, only those close enough to be a
// plausible typo (distance at most a third of the longer name, and at least 1; or a prefix match).
std::vector<std::string> nearest(std::string_view word, std::span<const std::string> candidates,
                                 std::size_t limit = 3);

// " (did you mean 'x'?)", " (did you mean 'x' or 'y'?)", or "" when nothing is close.
std::string did_you_mean(std::string_view word, std::span<const std::string> candidates);

} // namespace xport::util
