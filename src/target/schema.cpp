// The table of profile keys (see schema.hpp). Adding a field to Profile means adding its row here,
// its conversion in profile_fields.cpp and its line in docs/profiles.md.
#include "target/schema.hpp"

#include <algorithm>
#include <array>

#include "target/enum_names.hpp"

namespace xport::target {
namespace {

using namespace std::string_view_literals;

constexpr auto endian_values = spellings_of(endian_names);
constexpr std::array object_format_values = {"elf"sv};
constexpr auto runtime_values = spellings_of(runtime_names);
constexpr auto cxx_values = spellings_of(cxx_names);
constexpr auto tls_values = spellings_of(tls_names);
constexpr auto thread_pointer_values = spellings_of(thread_pointer_names);
constexpr auto encoding_values = spellings_of(encoding_names);
constexpr std::array panic_values = {"abort"sv, "unwind"sv};
constexpr std::array media_kind_values = {"files"sv, "apt"sv};
constexpr std::array checksum_format_values = {"freebsd-manifest"sv, "bsd"sv};
constexpr std::array checksum_algorithm_values = {"sha512"sv, "sha256"sv, "md5"sv};
constexpr std::array symbol_abi_formats = {"genode"sv};

constexpr KeySpec S(std::string_view key, KeyType type, std::string_view doc) {
  return KeySpec{key, type, {}, doc, true};
}
template <std::size_t N>
constexpr KeySpec E(std::string_view key, const std::array<std::string_view, N>& values,
                    std::string_view doc) {
  return KeySpec{key, KeyType::enumeration, values, doc, true};
}
constexpr KeySpec own(KeySpec spec) {
  spec.inherited = false;
  return spec;
}

#define START_FILES(mode, what)                                                                    \
  S("start-files." mode, KeyType::table, "start and end files of " what " links"),                 \
      S("start-files." mode ".begin", KeyType::string_list,                                        \
        "objects before the user's, in order, for " what " links"),                                \
      S("start-files." mode ".end", KeyType::string_list,                                          \
        "objects after the libraries, in order, for " what " links")

using enum KeyType;
const KeySpec keys[] = {
    own(S("name", string, "the target name, unique across all profile files")),
    own(S("description", string, "one line saying what the target is")),
    own(S("inherits", string, "the profile this one starts from")),
    own(S("abstract", boolean, "true: only a base for others, not listed or usable as a target")),
    S("llvm-triple", string, "the triple clang gets as --target"),
    S("arch", string, "architecture: x86_64 aarch64 riscv64 arm i686 ..."),
    S("os", string, "operating system: linux freebsd dragonfly netbsd openbsd ..."),
    S("kernel", string,
      "the kernel that runs the programs (uname -s, lower case): linux for a runtime layered "
      "over Linux; unset: the OS's own"),
    S("env", string, "environment (ABI) part of the triple: gnu musl gnueabihf or empty"),
    E("endian", endian_values, "byte order"),
    S("pointer-width", integer, "pointer size in bits: 16, 32 or 64"),
    E("object-format", object_format_values, "object file format"),
    S("dynamic-linker", string, "the program interpreter (PT_INTERP) of dynamic executables"),
    S("start-files", table, "start and end files per link mode"),
    START_FILES("dynamic", "dynamic (non-PIE)"),
    START_FILES("pie", "position-independent executable"),
    START_FILES("static", "static"),
    START_FILES("static-pie", "static position-independent"),
    START_FILES("shared", "shared-library"),
    S("include-dirs", string_list, "system include dirs, relative to the sysroot"),
    S("library-dirs", string_list, "library dirs (-L), relative to the sysroot"),
    S("startfile-dirs", string_list,
      "where start files are searched (-B), relative to the sysroot"),
    S("default-libs", string_list, "libraries every dynamic link ends with, as -l names, in order"),
    S("static-libs", string_list, "libraries every static link ends with, as -l names, in order"),
    E("runtime-library", runtime_values, "the compiler runtime the target links"),
    E("cxx-stdlib", cxx_values, "the C++ standard library"),
    S("linker", string, "the linker clang runs (-fuse-ld)"),
    S("pie-default", boolean, "executables are position-independent unless told otherwise"),
    S("min-clang", table, "the oldest clang that builds correctly for the target"),
    S("min-clang.version", integer, "clang's major version (17); an older clang is an error"),
    S("min-clang.reason", string, "what goes wrong with an older clang, for the error"),
    S("min-lld", table, "the oldest lld that links correctly for the target"),
    S("min-lld.version", integer, "lld's major version (15); an older lld is an error"),
    S("min-lld.reason", string, "what goes wrong with an older lld, for the error"),
    E("tls-model", tls_values,
      "native: TLS through the thread pointer; emulated: __emutls_get_address"),
    E("thread-pointer", thread_pointer_values,
      "the register native TLS is reached through; none: the target provides none"),
    S("abi-note", table, "the note that marks a binary as built for this OS"),
    S("abi-note.name", string, "note name: GNU FreeBSD DragonFly NetBSD OpenBSD"),
    S("abi-note.type", integer, "note type (1 for all of the above)"),
    E("abi-note.encoding", encoding_values, "how the OS version is encoded in the note"),
    S("abi-note.min-version", string, "binaries with an older version in the note are flagged"),
    S("loader-relocations", string_list,
      "relocation types the target's dynamic loader accepts; unset: not checked"),
    S("unavailable-symbols", string_list,
      "functions the target's C library lacks although the sysroot's defines them"),
    S("max-versions", string_list,
      "the newest symbol version of each family a program may need (GLIBC_2.17, FBSD_1.5): "
      "imports above are findings of xport check and fail xport cc's links"),
    S("compile-flags", string_list, "extra flags for every compile"),
    S("link-flags", string_list, "extra flags for every link"),
    S("qemu", string, "qemu-user name that runs the target's Linux binaries"),
    S("runner", string_list, "command that runs a program for the target, before its path"),
    S("rust", table, "how the Rust target spec is derived"),
    S("rust.base", string, "the rustc built-in target the spec starts from"),
    S("rust.overrides", free_table, "target-spec-json fields to set on top of the base"),
    S("rust.fallbacks", free_table,
      "for an override the rustc in use rejects: the fields to set instead"),
    E("rust.panic", panic_values, "panic strategy; unset: the base target's"),
    S("rust.std", boolean, "false: build only core and alloc"),
    S("media", table, "where `xport sysroot fetch` downloads the target's media"),
    E("media.kind", media_kind_values,
      "files: download URLs and check them against a checksum list; apt: Debian packages through "
      "apt-get, from the machine's configured archive"),
    S("media.mirror", string, "the default {mirror}: where the OS publishes its releases"),
    S("media.mirror-folders", string_list,
      "folders below the OS's mirror root that can hold {mirror}: a --mirror naming the root "
      "is tried with each appended"),
    S("media.arch", string, "{arch}: the OS's name for the architecture in URLs or package names"),
    S("media.files", string_list, "URL templates of the media, imported in this order"),
    S("media.checksums", string, "URL template of the list of checksums the OS publishes"),
    E("media.checksum-format", checksum_format_values,
      "freebsd-manifest: a MANIFEST (name, sha256, ...); bsd: lines like SHA512 (name) = hex"),
    E("media.checksum-algorithm", checksum_algorithm_values,
      "the algorithm the OS publishes its checksums with; a list's entry of another, weaker or "
      "not, is refused; unset: sha256 for freebsd-manifest"),
    S("media.signify-keys", free_table,
      "per release, the signify public key its checksum list is signed with (the base64 line of "
      "OpenBSD's etc/signify/openbsd-NN-base.pub): \"7.7\" = \"RWS...\"; the list is then the "
      "signed file (SHA256.sig) and is read only once its signature verifies"),
    S("media.pinned", free_table,
      "per release, digests its media must have, whatever the mirror's list says: \"13.2\" = "
      "{ \"base.txz\" = \"sha256:<hex>\" }"),
    S("media.max-size", integer,
      "the most bytes one medium may have (default 4 GiB; --max-download-size overrides it); a "
      "larger download is stopped and deleted"),
    S("media.releases", string_list, "the releases known to exist, oldest first"),
    S("media.default-release", string, "the release fetched without --release"),
    S("media.release-values", free_table,
      "per release, more placeholders for the templates: \"9.3\" = { sets = \"tgz\" }"),
    S("media.packages", string_list, "for apt: the packages to fetch, with their dependencies"),
    S("symbol-abi", table,
      "the ABI programs link against, published as symbol files in the OS's source tree and "
      "layered onto the sysroot with `xport sysroot add NAME TREE`"),
    E("symbol-abi.format", symbol_abi_formats,
      "genode: repos/*/lib/symbols/<lib>, one 'name T|W|D size|B size|R size|U|V' a line"),
    S("symbol-abi.apis", string_list,
      "the APIs a program uses, whose libraries it links (XPORT_ABI_APIS overrides it per build)"),
    S("symbol-abi.api-libraries", free_table,
      "the libraries of an API: base = [\"ld\"]; an API not listed has one of its own name"),
    S("symbol-abi.interpreter", string, "the program interpreter of a program: ld.lib.so"),
    S("symbol-abi.link-script", string, "the tree's linker script for programs (a tree path)"),
    S("symbol-abi.dynamic-list", string,
      "the tree's list of symbols programs always export (a tree path)"),
    S("symbol-abi.stub-script", string,
      "the tree's linker script the ABI stubs are linked with (a tree path)"),
    S("symbol-abi.link-flags", string_list, "flags of every link against the ABI"),
    S("symbol-abi.executable-flags", string_list, "flags of executable links only"),
    S("symbol-abi.empty-libs", string_list,
      "-l names that resolve to an empty archive (the toolchain's -lc -lpthread ...)"),
    S("symbol-abi.static-libs", string_list,
      "archives of the sysroot linked into every program, as -l names (the unwinder, builtins)"),
    S("symbol-abi.shims", free_table,
      "functions the ABI lacks, built by xport for the target: name = { uses = [...], why = "
      "\"...\" }"),
};
#undef START_FILES

} // namespace

std::span<const KeySpec> schema() {
  return keys;
}

const KeySpec* find_key(std::string_view dotted) {
  auto it = std::find_if(std::begin(keys), std::end(keys),
                         [&](const KeySpec& k) { return k.key == dotted; });
  return it == std::end(keys) ? nullptr : &*it;
}

std::vector<std::string> child_keys(std::string_view parent) {
  std::vector<std::string> out;
  for (const KeySpec& k : keys) {
    std::string_view key = k.key;
    if (!parent.empty()) {
      if (!key.starts_with(parent) || key.size() <= parent.size() || key[parent.size()] != '.')
        continue;
      key.remove_prefix(parent.size() + 1);
    }
    if (key.find('.') == std::string_view::npos)
      out.emplace_back(key);
  }
  return out;
}

std::string_view type_name(KeyType type) {
  switch (type) {
  case string:
    return "a string";
  case boolean:
    return "a boolean";
  case integer:
    return "an integer";
  case enumeration:
    return "a string";
  case string_list:
    return "an array of strings (or a table with append, prepend, remove)";
  case table:
    return "a table";
  case free_table:
    return "a table";
  }
  return "a value";
}

std::size_t schema_rank(std::string_view field_key) {
  for (std::size_t i = 0; i < std::size(keys); ++i) {
    std::string_view key = keys[i].key;
    if (field_key == key)
      return i;
    if (keys[i].type == free_table && field_key.starts_with(key) && field_key.size() > key.size() &&
        field_key[key.size()] == '.')
      return i;
  }
  return std::size(keys);
}

} // namespace xport::target
