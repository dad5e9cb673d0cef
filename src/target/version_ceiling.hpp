// Symbol-version ceilings: deploying to an older release than the sysroot's. A ceiling such as
// GLIBC_2.17 or FBSD_1.5 is the newest version of one family a program may need; every
// versioned import of that family above it (getrandom@GLIBC_2.25) is one the older release's
// libraries do not define, so its loader refuses the program. The family is the name before the
// version number ("GLIBC" for all of glibc's libraries, "FBSD" for FreeBSD's base libraries);
// numbers compare component by component (GLIBC_2.9 < GLIBC_2.17 < GLIBC_2.28).
//
// Ceilings come from the profile (`max-versions`), from XPORT_MAX_VERSION and from
// `--max-version` (xport check, xport cc); elf/check_version_ceiling.cpp judges a binary.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace xport::target {

struct ResolvedProfile;

// A version name split into its family and numbers: "GLIBC_2.2.5" is GLIBC {2, 2, 5},
// "OPENSSL_1_1_0" is OPENSSL {1, 1, 0}, "FBSDprivate_1.0" is FBSDprivate {1, 0}. The family
// ends at the first '_' that only numbers (separated by '.' or '_') follow.
struct SymbolVersion {
  std::string family;
  std::vector<uint32_t> numbers;
};

// nullopt for a name with no numbers after an underscore (GLIBC_PRIVATE, Base), except the
// markers a release introduced under another name (GLIBC_ABI_DT_RELR: glibc 2.36), which are
// taken as that release's version.
std::optional<SymbolVersion> parse_symbol_version(std::string_view name);

// <0, 0 or >0 as `a` is below, equal to or above `b`, numerically component by component; a
// missing component counts as 0 (2.17 equals 2.17.0).
int compare_version_numbers(std::span<const uint32_t> a, std::span<const uint32_t> b);

struct VersionCeiling {
  std::string name; // "GLIBC_2.17": the newest version of its family a program may need
  SymbolVersion version;
  std::string origin; // where it was set: "--max-version", "XPORT_MAX_VERSION", "max-versions
                      // (xport/targets/old.toml:4:1)"
};

// A ceiling as written in a profile, XPORT_MAX_VERSION or --max-version. The failure says what
// is wrong and what a ceiling looks like, with "did you mean" for a near-miss of a known family
// ("glibc_2.17", "GLIBC2.17", "GLBIC_2.17").
Result<VersionCeiling> parse_version_ceiling(std::string_view text);

// The ceilings in force, one per family.
class VersionCeilings {
public:
  // Adds one source's ceilings (a profile's list, the environment, the options): within a
  // source the lowest of a family holds, as every one of them must; a later source's ceiling
  // replaces an earlier one's of the same family, so an option can raise the profile's.
  void apply(std::vector<VersionCeiling> source);

  bool empty() const { return ceilings_.empty(); }
  const std::vector<VersionCeiling>& all() const { return ceilings_; } // by family
  const VersionCeiling* find(std::string_view family) const;

  // The ceiling `version` (a version name as .gnu.version_r spells it) is above; nullptr when it
  // is at or below its family's, its family has none, or it has no number to compare.
  const VersionCeiling* exceeded_by(std::string_view version) const;

  std::string names() const; // "FBSD_1.5, GLIBC_2.17"

private:
  std::vector<VersionCeiling> ceilings_;
};

// Splits XPORT_MAX_VERSION's value: words separated by commas or blanks.
std::vector<std::string> split_ceiling_list(std::string_view text);

// The ceilings for a command: the profile's max-versions, then XPORT_MAX_VERSION (`environment`,
// null when unset), then the --max-version options, each replacing the one before per family.
// Throws UsageError naming XPORT_MAX_VERSION or --max-version for a word that is no ceiling.
VersionCeilings version_ceilings(const ResolvedProfile& profile, const char* environment,
                                 const std::vector<std::string>& options);

} // namespace xport::target
