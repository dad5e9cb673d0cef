// The typed Profile from resolved field values: the spelling of each enum value in profile files,
// and the mapping from dotted keys ("start-files.pie.begin") to Profile members.
#include <set>
#include <utility>

#include "target/enum_names.hpp"
#include "target/merge.hpp"
#include "util/error.hpp"

namespace xport::target {
namespace {

// The schema accepts exactly the table's spellings (schema.cpp builds its list from it), so an
// unknown one here is a programming error, not a user's.
template <typename Enum, std::size_t N>
void set_enum(const Spelling<Enum> (&table)[N], const nlohmann::json& value, Enum& out) {
  for (const auto& entry : table)
    if (value.is_string() && entry.name == value.get<std::string>()) {
      out = entry.value;
      return;
    }
  throw Error("internal: the profile value {} has no enum spelling", value.dump());
}

using Fields = std::map<std::string, nlohmann::json>;

// The resolved fields the typed view is read from; or, with `asked` set, none, and a record of
// every key read and every table looked into (each as if it were set), for profile_field_keys().
struct Source {
  const Fields& fields;
  std::set<std::string>* asked = nullptr;
};

const nlohmann::json* get(const Source& source, const std::string& key) {
  if (source.asked) {
    source.asked->insert(key);
    return nullptr;
  }
  auto it = source.fields.find(key);
  return it == source.fields.end() ? nullptr : &it->second;
}

void set(const Source& fields, const std::string& key, std::string& out) {
  if (auto v = get(fields, key); v && v->is_string())
    out = v->get<std::string>();
}
void set(const Source& fields, const std::string& key, bool& out) {
  if (auto v = get(fields, key); v && v->is_boolean())
    out = v->get<bool>();
}
void set(const Source& fields, const std::string& key, std::vector<std::string>& out) {
  if (auto v = get(fields, key); v && v->is_array())
    for (const auto& s : *v)
      if (s.is_string())
        out.push_back(s.get<std::string>());
}
template <typename Enum, std::size_t N>
void set(const Source& fields, const std::string& key, const Spelling<Enum> (&table)[N],
         Enum& out) {
  if (auto v = get(fields, key))
    set_enum(table, *v, out);
}

void set(const Source& fields, const std::string& prefix, ToolMinimum& out) {
  if (auto v = get(fields, prefix + ".version"); v && v->is_number_integer())
    out.version = v->get<int>();
  set(fields, prefix + ".reason", out.reason);
}

bool any_under(const Source& source, const std::string& prefix) {
  if (source.asked) {
    source.asked->insert(prefix);
    return true;
  }
  auto it = source.fields.lower_bound(prefix + ".");
  return it != source.fields.end() && it->first.starts_with(prefix + ".");
}

nlohmann::json free_table(const Source& source, const std::string& prefix) {
  nlohmann::json out = nlohmann::json::object();
  if (source.asked)
    source.asked->insert(prefix);
  const Fields& fields = source.fields;
  for (auto it = fields.lower_bound(prefix + "."); it != fields.end(); ++it) {
    if (!it->first.starts_with(prefix + "."))
      break;
    out[it->first.substr(prefix.size() + 1)] = it->second;
  }
  return out;
}

} // namespace

std::string_view to_string(Endian value) {
  return name_of(endian_names, value);
}
std::string_view to_string(TlsModel value) {
  return name_of(tls_names, value);
}
std::string_view to_string(RuntimeLibrary value) {
  return name_of(runtime_names, value);
}
std::string_view to_string(CxxStdlib value) {
  return name_of(cxx_names, value);
}
std::string_view to_string(LinkMode value) {
  return name_of(link_mode_names, value);
}
std::string_view to_string(ThreadPointer value) {
  return name_of(thread_pointer_names, value);
}
std::string_view to_string(NoteVersionEncoding value) {
  return name_of(encoding_names, value);
}

namespace {

Profile read_profile(const Source& fields) {
  Profile p;
  set(fields, "name", p.name);
  set(fields, "description", p.description);
  set(fields, "llvm-triple", p.llvm_triple);
  set(fields, "arch", p.arch);
  set(fields, "os", p.os);
  set(fields, "kernel", p.kernel);
  set(fields, "env", p.env);
  set(fields, "endian", endian_names, p.endian);
  if (auto v = get(fields, "pointer-width"); v && v->is_number_integer())
    p.pointer_width = v->get<int>();
  set(fields, "object-format", p.object_format);
  set(fields, "dynamic-linker", p.dynamic_linker);
  for (const auto& [mode, name] : link_mode_names) {
    std::string prefix = "start-files." + std::string(name);
    if (!any_under(fields, prefix))
      continue;
    StartFiles& files = p.start_files[mode];
    set(fields, prefix + ".begin", files.begin);
    set(fields, prefix + ".end", files.end);
  }
  set(fields, "include-dirs", p.include_dirs);
  set(fields, "library-dirs", p.library_dirs);
  set(fields, "startfile-dirs", p.startfile_dirs);
  set(fields, "default-libs", p.default_libs);
  set(fields, "static-libs", p.static_libs);
  set(fields, "runtime-library", runtime_names, p.runtime_library);
  set(fields, "cxx-stdlib", cxx_names, p.cxx_stdlib);
  set(fields, "linker", p.linker);
  set(fields, "pie-default", p.pie_default);
  set(fields, "min-clang", p.min_clang);
  set(fields, "min-lld", p.min_lld);
  set(fields, "tls-model", tls_names, p.tls_model);
  set(fields, "thread-pointer", thread_pointer_names, p.thread_pointer);
  if (any_under(fields, "abi-note")) {
    AbiNote note;
    set(fields, "abi-note.name", note.name);
    if (auto v = get(fields, "abi-note.type"); v && v->is_number_integer())
      note.type = v->get<uint32_t>();
    set(fields, "abi-note.encoding", encoding_names, note.encoding);
    set(fields, "abi-note.min-version", note.min_version);
    p.abi_note = std::move(note);
  }
  set(fields, "loader-relocations", p.loader_relocations);
  set(fields, "unavailable-symbols", p.unavailable_symbols);
  set(fields, "max-versions", p.max_versions);
  set(fields, "compile-flags", p.compile_flags);
  set(fields, "link-flags", p.link_flags);
  set(fields, "qemu", p.qemu);
  set(fields, "runner", p.runner);
  if (any_under(fields, "rust")) {
    RustSettings rust;
    set(fields, "rust.base", rust.base);
    rust.overrides = free_table(fields, "rust.overrides");
    rust.fallbacks = free_table(fields, "rust.fallbacks");
    set(fields, "rust.panic", rust.panic);
    set(fields, "rust.std", rust.has_std);
    p.rust = std::move(rust);
  }
  if (any_under(fields, "media")) {
    MediaSource media;
    set(fields, "media.kind", media.kind);
    set(fields, "media.mirror", media.mirror);
    set(fields, "media.mirror-folders", media.mirror_folders);
    set(fields, "media.arch", media.arch);
    set(fields, "media.files", media.files);
    set(fields, "media.checksums", media.checksums);
    set(fields, "media.checksum-format", media.checksum_format);
    set(fields, "media.checksum-algorithm", media.checksum_algorithm);
    if (auto v = get(fields, "media.max-size"); v && v->is_number_integer())
      media.max_size = v->get<uint64_t>();
    const nlohmann::json signify_keys = free_table(fields, "media.signify-keys");
    for (const auto& [release, key] : signify_keys.items())
      if (key.is_string())
        media.signify_keys[release] = key.get<std::string>();
    const nlohmann::json pinned = free_table(fields, "media.pinned");
    for (const auto& [release, files] : pinned.items())
      for (const auto& [file, digest] : files.items())
        if (digest.is_string())
          media.pinned[release][file] = digest.get<std::string>();
    set(fields, "media.releases", media.releases);
    set(fields, "media.default-release", media.default_release);
    media.release_values = free_table(fields, "media.release-values");
    set(fields, "media.packages", media.packages);
    p.media = std::move(media);
  }
  if (any_under(fields, "symbol-abi")) {
    SymbolAbi abi;
    set(fields, "symbol-abi.format", abi.format);
    set(fields, "symbol-abi.apis", abi.apis);
    const nlohmann::json api_libraries = free_table(fields, "symbol-abi.api-libraries");
    for (const auto& [api, libs] : api_libraries.items())
      for (const auto& lib : libs)
        if (lib.is_string())
          abi.api_libraries[api].push_back(lib.get<std::string>());
    set(fields, "symbol-abi.interpreter", abi.interpreter);
    set(fields, "symbol-abi.link-script", abi.link_script);
    set(fields, "symbol-abi.dynamic-list", abi.dynamic_list);
    set(fields, "symbol-abi.stub-script", abi.stub_script);
    set(fields, "symbol-abi.link-flags", abi.link_flags);
    set(fields, "symbol-abi.executable-flags", abi.executable_flags);
    set(fields, "symbol-abi.empty-libs", abi.empty_libs);
    set(fields, "symbol-abi.static-libs", abi.static_libs);
    const nlohmann::json shims = free_table(fields, "symbol-abi.shims");
    for (const auto& [symbol, shim] : shims.items()) {
      AbiShim s{symbol, {}, shim.value("why", "")};
      if (auto uses = shim.find("uses"); uses != shim.end() && uses->is_array())
        for (const auto& u : *uses)
          if (u.is_string())
            s.uses.push_back(u.get<std::string>());
      abi.shims.push_back(std::move(s));
    }
    p.symbol_abi = std::move(abi);
  }
  return p;
}

} // namespace

Profile profile_from_fields(const Fields& fields) {
  return read_profile({fields});
}

std::set<std::string> profile_field_keys() {
  const Fields none;
  std::set<std::string> asked;
  (void)read_profile({none, &asked});
  return asked;
}

} // namespace xport::target
