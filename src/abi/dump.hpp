// `xport abi dump`: a target's C interface read from its sysroot's headers with libclang, as clang
// compiles them for the target (abi/clang_flags.hpp). The headers are parsed together in one
// translation unit; a header that does not compile for the target is left out and reported with
// clang's first error, and the rest parsed again. Integer-valued macros are evaluated by clang in
// a second parse (a constant per macro), so their values are the target's, not the host's.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "abi/layout.hpp"
#include "target/profile.hpp"
#include "util/process.hpp"

namespace xport::abi {

struct DumpRequest {
  const target::Profile* profile = nullptr;
  std::string sysroot;              // a folder or a store name; "" = the store's named like T
  std::vector<std::string> headers; // "" = the C library's (c_library_headers)
};

Dump dump_headers(const DumpRequest& request, const util::Environment& env);

// dump_headers in two steps, for reading several targets at once: prepare_dump finds the sysroot,
// the flags and the headers (on the caller's thread: it reads the profile and the store);
// run_reader runs xport-abi-reader on them and may run on any thread.
struct ReaderJob {
  std::string target, sysroot;
  nlohmann::json request;
};
ReaderJob prepare_dump(const DumpRequest& request, const util::Environment& env);
Dump run_reader(const ReaderJob& job, const util::Environment& env);

// What `--only` selects.
enum class Kind { record, constant, type, function, enumeration };
// "struct" (and "union"), "const", "type", "func", "enum"; nullopt for another word.
std::optional<Kind> parse_kind(std::string_view word);

// The dump, restricted to `kinds` (all when empty) and `names` (all when empty).
std::string dump_text(const Dump& dump, const std::vector<Kind>& kinds,
                      const std::vector<std::string>& names);
nlohmann::json dump_json(const Dump& dump, const std::vector<Kind>& kinds,
                         const std::vector<std::string>& names);

// Whether an item of `kind` named `name` is asked for (an empty list asks for all).
bool selected(const std::vector<Kind>& kinds, Kind kind);
bool selected(const std::vector<std::string>& names, const std::string& name);

// A constant's value as printed: unsigned ones past INT64_MAX as such.
std::string constant_text(const Constant& constant);

// One record as dump_text prints it: a header line, then a line per field (offset in bytes, or
// bytes.bits for bit-fields; size; name; type).
std::string record_text(const Record& record);

// Throws UsageError with "did you mean" for a name that is in none of the dumps' tables.
void require_known_names(const std::vector<const Dump*>& dumps,
                         const std::vector<std::string>& names);

} // namespace xport::abi
