// Gathering a link's inputs from a symbol-ABI layer (see abi_layer_link.hpp).
#include "driver/abi_layer_link.hpp"

#include <fcntl.h>
#include <iostream>
#include <unistd.h>

#include <fmt/format.h>

#include "driver/abi_shims.hpp"
#include "sysroot/symbol_abi.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/paths.hpp"

namespace xport::driver {
namespace {

namespace fs = std::filesystem;

const char* env_value(const util::Environment& env, const char* name) {
  auto it = env.find(name);
  return it == env.end() ? nullptr : it->second.c_str();
}

fs::path required(const fs::path& file, const std::string& what, const fs::path& root) {
  std::error_code ec;
  if (!fs::exists(file, ec))
    throw Error("sysroot '{}': its symbol-ABI layer has no {} ({}); add the tree again with "
                "'xport sysroot add NAME TREE'",
                root.string(), what, file.string());
  return file;
}

// An archive the profile's static-libs names, in the sysroot's library folders ("" = none).
std::string find_archive(const SysrootView& sysroot, const std::string& name) {
  std::vector<std::string> dirs = sysroot.layout.library_dirs;
  if (!sysroot.layout.gcc_dir.empty())
    dirs.push_back(sysroot.layout.gcc_dir);
  std::error_code ec;
  for (const std::string& dir : dirs) {
    fs::path candidate = sysroot.root / dir / ("lib" + name + ".a");
    if (fs::exists(candidate, ec))
      return candidate.string();
  }
  return "";
}

} // namespace

std::optional<AbiLayerLink> abi_layer_link(const target::Profile& profile,
                                           const SysrootView& sysroot,
                                           const util::Environment& env) {
  if (!profile.symbol_abi)
    return std::nullopt;
  std::optional<sysroot::SymbolAbiLayer> layer = sysroot::read_symbol_abi_layer(sysroot.root);
  if (!layer)
    return std::nullopt;
  const target::SymbolAbi& abi = *profile.symbol_abi;
  std::vector<std::string> apis = sysroot::apis_in_use(abi, env_value(env, "XPORT_ABI_APIS"));
  AbiLayerLink link;
  link.interpreter = abi.interpreter;
  for (const std::string& lib : sysroot::api_libraries(abi, apis)) {
    auto known = layer->libraries.find(lib);
    if (known == layer->libraries.end()) {
      std::vector<std::string> names;
      for (const auto& [name, path] : layer->libraries)
        names.push_back(name);
      throw Error("the APIs in use ({}) need the library '{}', which the layer of the sysroot '{}' "
                  "({}) has no symbol file of; its libraries: {}; set XPORT_ABI_APIS or the "
                  "profile's symbol-abi.apis to APIs it has",
                  fmt::join(apis, ", "), lib, sysroot.root.string(), layer->identity.text(),
                  fmt::join(names, " "));
    }
    link.stubs.push_back(required(layer->stub(lib), "stub of " + lib, sysroot.root).string());
    if (!link.defines_emutls) {
      std::string text = util::read_file(layer->tree() / known->second);
      link.defines_emutls = text.find("\n__emutls_get_address T") != std::string::npos;
    }
  }
  link.empty_libs = layer->empty_libs().string();
  if (!abi.link_script.empty())
    link.link_script = required(layer->tree() / abi.link_script, abi.link_script, sysroot.root);
  if (!abi.dynamic_list.empty())
    link.dynamic_list = required(layer->tree() / abi.dynamic_list, abi.dynamic_list, sysroot.root);
  for (const std::string& name : abi.static_libs) {
    std::string archive = find_archive(sysroot, name);
    if (archive.empty())
      throw Error("target {}: symbol-abi.static-libs names '{}', but the sysroot '{}' has no "
                  "lib{}.a in {}; import media that have it",
                  profile.name, name, sysroot.root.string(), name,
                  fmt::join(sysroot.layout.library_dirs, ", "));
    link.static_archives.push_back(archive);
  }
  link.link_flags = abi.link_flags;
  link.executable_flags = abi.executable_flags;
  if (!abi.shims.empty())
    link.shims_archive =
        ensure_shims_runtime(profile, sysroot, env, util::cache_home(env) / "driver").string();
  return link;
}

void note_missing_layer_once(const target::Profile& profile, const SysrootView& sysroot,
                             const util::Environment& env) {
  std::error_code ec;
  fs::path notes = util::cache_home(env) / "driver" / "notes";
  fs::create_directories(notes, ec);
  fs::path stamp = notes / fmt::format("{}-session-{}", profile.name, ::getsid(0));
  int fd = ::open(stamp.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0 && errno == EEXIST)
    return;
  if (fd >= 0)
    ::close(fd);
  std::cerr << fmt::format(
      "xport: note: target {} links against its {} ABI, but the sysroot {} has no layer of it: "
      "programs are linked as the media's own (their libraries, start files and interpreter); "
      "add the ABI with 'xport sysroot add {} <{} tree>'\n",
      profile.name, profile.symbol_abi->format, sysroot.root.string(),
      sysroot.root.parent_path().filename().string(), profile.symbol_abi->format);
}

} // namespace xport::driver
