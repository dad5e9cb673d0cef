// Nearest-name suggestions for error messages.
#include "util/suggest.hpp"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

namespace xport::util {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  std::iota(prev.begin(), prev.end(), 0);
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

std::vector<std::string> nearest(std::string_view word, std::span<const std::string> candidates,
                                 std::size_t limit) {
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const std::string& c : candidates) {
    std::size_t d = edit_distance(word, c);
    std::size_t allowed = std::max<std::size_t>(1, std::max(word.size(), c.size()) / 3);
    bool prefix = word.size() >= 3 && (c.starts_with(word) || word.starts_with(c));
    if (d == 0)
      continue;
    if (d <= allowed || prefix)
      scored.emplace_back(prefix && d > allowed ? allowed + 1 : d, c);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<std::string> out;
  for (auto& [d, c] : scored) {
    if (out.size() == limit)
      break;
    if (std::find(out.begin(), out.end(), c) == out.end())
      out.push_back(std::move(c));
  }
  return out;
}

std::string did_you_mean(std::string_view word, std::span<const std::string> candidates) {
  std::vector<std::string> near = nearest(word, candidates, 2);
  if (near.empty())
    return "";
  if (near.size() == 1)
    return fmt::format(" (did you mean '{}'?)", near[0]);
  return fmt::format(" (did you mean '{}' or '{}'?)", near[0], near[1]);
}

} // namespace xport::util
