// sysroot.json reading and writing (nlohmann::json; the file list is written record by record).
#include "sysroot/manifest.hpp"

#include <array>
#include <fstream>

#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/json_text.hpp"

namespace xport::sysroot {
namespace {

constexpr std::array<std::pair<MemberKind, const char*>, 5> kind_names = {{
    {MemberKind::file, "file"},
    {MemberKind::directory, "dir"},
    {MemberKind::symlink, "symlink"},
    {MemberKind::hardlink, "hardlink"},
    {MemberKind::special, "special"},
}};

MemberKind kind_from(const std::string& name) {
  for (auto [kind, text] : kind_names)
    if (name == text)
      return kind;
  throw nlohmann::json::other_error::create(501, "unknown file type '" + name + "'", nullptr);
}

nlohmann::json file_json(const FileRecord& f) {
  nlohmann::json j = {{"path", f.path}, {"type", to_string(f.kind)}, {"mode", f.mode}};
  if (f.kind == MemberKind::file || f.kind == MemberKind::hardlink) {
    j["size"] = f.size;
    j["digest"] = f.digest;
  }
  if (!f.target.empty())
    j["target"] = f.target;
  j["medium"] = f.medium;
  return j;
}

FileRecord file_from(const nlohmann::json& j, int format) {
  FileRecord f;
  j.at("path").get_to(f.path);
  f.kind = kind_from(j.at("type").get<std::string>());
  j.at("mode").get_to(f.mode);
  f.size = j.value("size", uint64_t{0});
  f.digest = j.value(format == 1 ? "sha256" : "digest", std::string{});
  f.target = j.value("target", std::string{});
  f.medium = j.value("medium", std::size_t{0});
  return f;
}

} // namespace

std::string to_string(MemberKind kind) {
  for (auto [k, text] : kind_names)
    if (k == kind)
      return text;
  return "unknown";
}

uint64_t Manifest::total_bytes() const {
  uint64_t total = 0;
  for (const FileRecord& f : files)
    if (f.kind == MemberKind::file)
      total += f.size;
  return total;
}

std::size_t Manifest::entry_count() const {
  std::size_t count = 0;
  for (const FileRecord& f : files)
    count += f.kind != MemberKind::directory;
  return count;
}

namespace {

// Everything but the file list.
nlohmann::json head_json(const Manifest& m) {
  nlohmann::json media = nlohmann::json::array();
  for (const MediumRecord& r : m.media) {
    media.push_back({{"path", r.path},
                     {"format", r.format},
                     {"size", r.size},
                     {"xxh3_128", r.xxh3_128},
                     {"sha256", r.sha256}});
    if (!r.origin.url.empty())
      media.back()["origin"] = {{"url", r.origin.url},
                                {"published", r.origin.published},
                                {"pinned", r.origin.pinned},
                                {"signed_by", r.origin.signed_by}};
  }
  nlohmann::json scripts = nlohmann::json::array();
  for (const LinkerScript& s : m.linker_scripts)
    scripts.push_back(
        {{"path", s.path}, {"absolute_paths", s.absolute}, {"treatment", s.treatment}});
  nlohmann::json layers = nlohmann::json::array();
  for (const Layer& l : m.layers)
    layers.push_back({{"added_at", l.added_at}, {"media", l.media}, {"entries", l.entries}});
  return {
      {"format", m.format},
      {"name", m.name},
      {"target", m.target},
      {"xport_version", m.xport_version},
      {"imported_at", m.imported_at},
      {"media", media},
      {"file_digest", util::digest_name(m.file_digest)},
      {"options", {{"all", m.settings.all}, {"max_member_size", m.settings.max_member_size}}},
      {"layout", to_json(m.layout)},
      {"linker_scripts", scripts},
      {"warnings", m.warnings},
      {"layers", layers},
  };
}

// One file record as file_json() makes it, appended as text.
void append_file_json(std::string& out, const FileRecord& f) {
  out += "{\"path\": ";
  util::append_json_string(out, f.path);
  out += ", \"type\": \"";
  out += to_string(f.kind);
  out += "\", \"mode\": ";
  out += std::to_string(f.mode);
  if (f.kind == MemberKind::file || f.kind == MemberKind::hardlink) {
    out += ", \"size\": ";
    out += std::to_string(f.size);
    out += ", \"digest\": ";
    util::append_json_string(out, f.digest);
  }
  if (!f.target.empty()) {
    out += ", \"target\": ";
    util::append_json_string(out, f.target);
  }
  out += ", \"medium\": ";
  out += std::to_string(f.medium);
  out += '}';
}

} // namespace

nlohmann::json to_json(const Manifest& m) {
  nlohmann::json j = head_json(m);
  nlohmann::json files = nlohmann::json::array();
  for (const FileRecord& f : m.files)
    files.push_back(file_json(f));
  j["files"] = std::move(files);
  return j;
}

Manifest manifest_from_json(const nlohmann::json& j, const std::string& origin) {
  try {
    Manifest m;
    j.at("format").get_to(m.format);
    if (m.format != manifest_format && m.format != 1)
      throw Error("{}: manifest format {} is not one this xport reads (1 or {}); re-import the "
                  "sysroot",
                  origin, m.format, manifest_format);
    j.at("name").get_to(m.name);
    j.at("target").get_to(m.target);
    j.at("xport_version").get_to(m.xport_version);
    j.at("imported_at").get_to(m.imported_at);
    for (const auto& r : j.at("media")) {
      MediumOrigin origin;
      if (auto o = r.find("origin"); o != r.end())
        origin = {o->at("url").get<std::string>(), o->value("published", std::string{}),
                  o->value("pinned", std::string{}), o->value("signed_by", std::string{})};
      m.media.push_back({r.at("path").get<std::string>(), r.at("format").get<std::string>(),
                         r.at("size").get<uint64_t>(), r.value("xxh3_128", std::string{}),
                         r.at("sha256").get<std::string>(), std::move(origin)});
    }
    if (m.format == 1) {
      m.file_digest = util::DigestAlgorithm::sha256;
    } else {
      std::string name = j.at("file_digest").get<std::string>();
      std::optional<util::DigestAlgorithm> algorithm = util::parse_digest_name(name);
      if (!algorithm)
        throw Error("{}: unknown file_digest '{}' (xxh3-128 or sha256); re-import the sysroot",
                    origin, name);
      m.file_digest = *algorithm;
    }
    j.at("options").at("all").get_to(m.settings.all);
    j.at("options").at("max_member_size").get_to(m.settings.max_member_size);
    m.layout = layout_from_json(j.at("layout"));
    for (const auto& s : j.at("linker_scripts"))
      m.linker_scripts.push_back({s.at("path").get<std::string>(),
                                  s.at("absolute_paths").get<std::vector<std::string>>(),
                                  s.at("treatment").get<std::string>()});
    j.at("warnings").get_to(m.warnings);
    for (const auto& f : j.at("files"))
      m.files.push_back(file_from(f, m.format));
    if (j.contains("layers")) {
      for (const auto& l : j.at("layers")) {
        Layer layer{l.at("added_at").get<std::string>(),
                    l.at("media").get<std::vector<std::size_t>>(),
                    l.at("entries").get<std::size_t>()};
        for (std::size_t i : layer.media)
          if (i >= m.media.size())
            throw Error("{}: a layer names medium {}, but there are {}; re-import the sysroot",
                        origin, i, m.media.size());
        m.layers.push_back(std::move(layer));
      }
    } else {
      Layer all{m.imported_at, {}, m.entry_count()};
      for (std::size_t i = 0; i < m.media.size(); ++i)
        all.media.push_back(i);
      m.layers.push_back(std::move(all));
    }
    return m;
  } catch (const nlohmann::json::exception& e) {
    throw Error("{}: not a valid sysroot manifest: {}; re-import the sysroot", origin, e.what());
  }
}

// The same document to_json() makes, but the file list, one record a line, is written as text:
// building a json value for each of a sysroot's thousands of files took a quarter of an import.
void write_manifest(const Manifest& manifest, const std::filesystem::path& file) {
  std::string text = util::json_text(head_json(manifest), 1);
  text.pop_back(); // the closing brace
  while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
    text.pop_back();
  text += ",\n \"files\": [";
  text.reserve(text.size() + manifest.files.size() * 128);
  const char* separator = "\n  ";
  for (const FileRecord& f : manifest.files) {
    text += separator;
    append_file_json(text, f);
    separator = ",\n  ";
  }
  text += "\n ]\n}\n";
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  if (!out)
    throw Error("cannot write the manifest '{}'", file.string());
}

Manifest read_manifest(const std::filesystem::path& file) {
  Result<std::string> text = util::try_read_file(file);
  if (!text)
    throw Error("cannot read the manifest '{}'; the sysroot is damaged: remove it with "
                "'xport sysroot rm' and import it again",
                file.string());
  nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
  if (j.is_discarded())
    throw Error("{}: not valid JSON; the sysroot is damaged: remove it with 'xport sysroot rm' "
                "and import it again",
                file.string());
  return manifest_from_json(j, file.string());
}

} // namespace xport::sysroot
