// Parsing and comparing symbol versions, and the ceilings of a command (see version_ceiling.hpp).
#include "target/version_ceiling.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "target/catalog.hpp"
#include "util/error.hpp"
#include "util/suggest.hpp"
#include "util/text.hpp"

namespace xport::target {
namespace {

using namespace std::string_view_literals;

// The families of the libraries xport's targets link against, each seen in those libraries'
// .gnu.version_d: a ceiling's family that is a near miss of one of these is a typo, not another
// library's family ("glibc", "GLBIC").
constexpr std::array known_families = {
    "CXXABI"sv, // libstdc++.so.6's C++ ABI; FreeBSD's libc++.so.1 and libcxxrt too
    "CXXRT"sv,  // FreeBSD's libcxxrt.so.1
    "FBSD"sv,   // FreeBSD's base libraries: libc.so.7, libm.so.5, libthr.so.3 ...
    "GCC"sv,    // libgcc_s.so.1
    "GLIBC"sv,  // glibc: libc.so.6, libm.so.6, libpthread.so.0, libdl.so.2, ld-linux-*.so ...
    "GLIBCXX"sv // libstdc++.so.6
};

// Versions a release introduced without a number in their name: the release they stand for.
struct Marker {
  std::string_view name;
  std::string_view family;
  std::array<uint32_t, 2> numbers;
};
constexpr Marker markers[] = {
    // glibc 2.36 (NEWS: "Support for DT_RELR relocation format"): a link with
    // -z pack-relative-relocs needs it, and an older glibc's loader refuses the program.
    {"GLIBC_ABI_DT_RELR", "GLIBC", {2, 36}},
};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// "2.17", "1_1_0": numbers separated by '.' or '_', none empty, none absurdly long.
std::optional<std::vector<uint32_t>> parse_numbers(std::string_view text) {
  std::vector<uint32_t> numbers;
  std::size_t i = 0;
  while (true) {
    std::size_t start = i;
    uint64_t value = 0;
    while (i < text.size() && is_digit(text[i]) && i - start < 9)
      value = value * 10 + static_cast<uint64_t>(text[i++] - '0');
    if (i == start || (i < text.size() && is_digit(text[i])))
      return std::nullopt;
    numbers.push_back(static_cast<uint32_t>(value));
    if (i == text.size())
      return numbers;
    if (text[i] != '.' && text[i] != '_')
      return std::nullopt;
    ++i;
  }
}

// "GLIBC_2.17" -> {"GLIBC", {2, 17}}: the first '_' followed by numbers alone.
std::optional<SymbolVersion> split_numbered(std::string_view name) {
  for (std::size_t at = name.find('_'); at != std::string_view::npos; at = name.find('_', at + 1)) {
    if (at == 0)
      continue;
    if (auto numbers = parse_numbers(name.substr(at + 1)))
      return SymbolVersion{std::string(name.substr(0, at)), std::move(*numbers)};
  }
  return std::nullopt;
}

constexpr std::string_view ceiling_form =
    "a ceiling is the newest symbol version of one family a program may need: GLIBC_2.17, "
    "FBSD_1.5";

char upper(char c) {
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

// The known family a mistyped one was meant as ("glibc", "GLBIC", "GLIBC-2"), if any.
std::optional<std::string> near_known_family(std::string_view family) {
  for (std::string_view known : known_families) {
    if (known == family)
      return std::nullopt;
  }
  for (std::string_view known : known_families) {
    if (known.size() == family.size() &&
        std::equal(known.begin(), known.end(), family.begin(),
                   [](char a, char b) { return upper(a) == upper(b); }))
      return std::string(known);
  }
  std::vector<std::string> candidates(known_families.begin(), known_families.end());
  std::vector<std::string> near = util::nearest(family, candidates, 1);
  if (!near.empty() && util::edit_distance(family, near[0]) <= 2)
    return near[0];
  return std::nullopt;
}

} // namespace

std::optional<SymbolVersion> parse_symbol_version(std::string_view name) {
  for (const Marker& m : markers)
    if (m.name == name)
      return SymbolVersion{std::string(m.family), {m.numbers.begin(), m.numbers.end()}};
  return split_numbered(name);
}

int compare_version_numbers(std::span<const uint32_t> a, std::span<const uint32_t> b) {
  for (std::size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
    uint32_t x = i < a.size() ? a[i] : 0, y = i < b.size() ? b[i] : 0;
    if (x != y)
      return x < y ? -1 : 1;
  }
  return 0;
}

Result<VersionCeiling> parse_version_ceiling(std::string_view text) {
  std::optional<SymbolVersion> version = split_numbered(text);
  if (!version) {
    // "GLIBC2.17", "GLIBC-2.17", "glibc 2.17": letters, something, numbers.
    auto digit = std::find_if(text.begin(), text.end(), is_digit);
    std::string_view letters = text.substr(0, static_cast<std::size_t>(digit - text.begin()));
    std::string_view numbers = text.substr(letters.size());
    while (!letters.empty() && (letters.back() == '-' || letters.back() == ' ' ||
                                letters.back() == '_' || letters.back() == '.'))
      letters.remove_suffix(1);
    std::string suggestion;
    if (!letters.empty() && parse_numbers(numbers)) {
      std::string family = near_known_family(letters).value_or(std::string(letters));
      suggestion = fmt::format(" (did you mean '{}_{}'?)", family, numbers);
    }
    return fail("'{}' is not a version ceiling{}: {}", text, suggestion, ceiling_form);
  }
  if (std::optional<std::string> meant = near_known_family(version->family)) {
    std::string numbers(text.substr(version->family.size() + 1));
    return fail("'{}' names no version family of the libraries xport knows (did you mean "
                "'{}_{}'?): families are case-sensitive, and {} is the family of {}",
                text, *meant, numbers, *meant,
                *meant == "GLIBC"  ? "all of glibc's libraries"
                : *meant == "FBSD" ? "FreeBSD's base libraries"
                                   : "its library");
  }
  return VersionCeiling{std::string(text), std::move(*version), {}};
}

void VersionCeilings::apply(std::vector<VersionCeiling> source) {
  std::vector<VersionCeiling> lowest;
  for (VersionCeiling& c : source) {
    auto same = std::find_if(lowest.begin(), lowest.end(), [&](const VersionCeiling& l) {
      return l.version.family == c.version.family;
    });
    if (same == lowest.end())
      lowest.push_back(std::move(c));
    else if (compare_version_numbers(c.version.numbers, same->version.numbers) < 0)
      *same = std::move(c);
  }
  for (VersionCeiling& c : lowest) {
    auto same = std::find_if(ceilings_.begin(), ceilings_.end(), [&](const VersionCeiling& l) {
      return l.version.family == c.version.family;
    });
    if (same == ceilings_.end())
      ceilings_.push_back(std::move(c));
    else
      *same = std::move(c);
  }
  std::sort(ceilings_.begin(), ceilings_.end(),
            [](const auto& x, const auto& y) { return x.version.family < y.version.family; });
}

const VersionCeiling* VersionCeilings::find(std::string_view family) const {
  for (const VersionCeiling& c : ceilings_)
    if (c.version.family == family)
      return &c;
  return nullptr;
}

const VersionCeiling* VersionCeilings::exceeded_by(std::string_view version) const {
  if (ceilings_.empty() || version.empty())
    return nullptr;
  std::optional<SymbolVersion> parsed = parse_symbol_version(version);
  if (!parsed)
    return nullptr;
  const VersionCeiling* ceiling = find(parsed->family);
  if (!ceiling || compare_version_numbers(parsed->numbers, ceiling->version.numbers) <= 0)
    return nullptr;
  return ceiling;
}

std::string VersionCeilings::names() const {
  std::vector<std::string_view> names;
  for (const VersionCeiling& c : ceilings_)
    names.push_back(c.name);
  return fmt::format("{}", fmt::join(names, ", "));
}

std::vector<std::string> split_ceiling_list(std::string_view text) {
  std::vector<std::string_view> words = util::words(text, ", \t\n");
  return {words.begin(), words.end()};
}

VersionCeilings version_ceilings(const ResolvedProfile& resolved, const char* environment,
                                 const std::vector<std::string>& options) {
  VersionCeilings ceilings;
  std::vector<VersionCeiling> from_profile;
  if (!resolved.profile.max_versions.empty()) {
    std::string origin = "max-versions";
    if (auto it = resolved.origins.find("max-versions"); it != resolved.origins.end())
      origin = fmt::format("max-versions at {}:{}:{}", it->second.file, it->second.line,
                           it->second.column);
    for (const std::string& text : resolved.profile.max_versions) {
      VersionCeiling c = parse_version_ceiling(text).value(); // checked when the file was read
      c.origin = origin;
      from_profile.push_back(std::move(c));
    }
  }
  ceilings.apply(std::move(from_profile));
  auto read = [](const std::vector<std::string>& words, std::string_view origin) {
    std::vector<VersionCeiling> out;
    for (const std::string& word : words) {
      Result<VersionCeiling> c = parse_version_ceiling(word);
      if (!c)
        throw UsageError("{}: {}", origin, c.error());
      c->origin = std::string(origin);
      out.push_back(std::move(*c));
    }
    return out;
  };
  if (environment)
    ceilings.apply(read(split_ceiling_list(environment), "XPORT_MAX_VERSION"));
  ceilings.apply(read(options, "--max-version"));
  return ceilings;
}

} // namespace xport::target
