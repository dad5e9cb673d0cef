// Checks against a symbol-ABI layer (Genode's symbol files, sysroot/symbol_abi.hpp): a program
// loads on the target only if every library it needs is one of the layer's for the APIs in use,
// every symbol it imports is in those libraries' symbol files, every object it copies is no
// larger than the file says, and its loader can read its symbol hash. The loader (Genode's
// ld.lib.so) reads no .gnu.hash and ignores symbol versions.
#include <algorithm>

#include <fmt/format.h>

#include "elf/check.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"

namespace xport::elf {
namespace {

constexpr int64_t DT_HASH = 4;
constexpr int64_t DT_GNU_HASH = 0x6ffffef5;

// R_<arch>_COPY by machine.
struct CopyRelocation {
  uint16_t machine;
  uint32_t type;
};
constexpr CopyRelocation copy_relocations[] = {
    {EM_X86_64, 5}, {EM_386, 5}, {EM_AARCH64, 1024}, {EM_ARM, 20}, {EM_RISCV, 4}};

std::optional<uint32_t> copy_type(uint16_t machine) {
  for (const CopyRelocation& c : copy_relocations)
    if (c.machine == machine)
      return c.type;
  return std::nullopt;
}

std::string apis_text(const SymbolAbiContext& abi) {
  return fmt::format("{} ({} at {})", fmt::join(abi.apis, ", "), fmt::join(abi.libraries, ", "),
                     abi.tree);
}

void check_needed(const ElfFile& elf, const ImageName& name, const SymbolAbiContext& abi,
                  std::vector<Finding>& out) {
  for (const DynamicEntry& e : elf.dynamic()) {
    if (e.tag != DT_NEEDED)
      continue;
    std::string needed(elf.dynamic_string(e.value));
    std::string lib = needed.ends_with(".lib.so") ? needed.substr(0, needed.size() - 7) : "";
    if (!lib.empty() &&
        std::find(abi.libraries.begin(), abi.libraries.end(), lib) != abi.libraries.end())
      continue;
    Finding f = make_finding(Code::abi_needed, name.file, name.member);
    f.symbol = needed;
    if (!lib.empty() && abi.tree_libraries.contains(lib)) {
      f.message = fmt::format("needs {}, a library of the {} tree whose API is not among those in "
                              "use: {}",
                              needed, abi.format, apis_text(abi));
      f.remedy = fmt::format("add its API to the build's (XPORT_ABI_APIS={},{})",
                             fmt::join(abi.apis, ","), lib);
    } else {
      f.message = fmt::format("needs {}, which the {} layer does not provide (its libraries are "
                              "<lib>.lib.so; the APIs in use have {}): the target's loader "
                              "cannot load it",
                              needed, abi.format, apis_text(abi));
      f.remedy = "link with xport cc against the sysroot that has the layer, not against the "
                 "media's own libraries";
    }
    out.push_back(std::move(f));
  }
}

void check_imports(const ImageName& name, const SymbolAbiContext& abi,
                   const std::vector<Symbol>& dynsym, std::vector<Finding>& out) {
  std::vector<std::string> versioned;
  for (const Symbol& s : dynsym) {
    if (s.defined() || s.name.empty() || (s.bind != STB_GLOBAL && s.bind != STB_WEAK))
      continue;
    if (!s.version.empty())
      versioned.push_back(fmt::format("{}@{}", s.name, s.version));
    if (abi.defined.contains(s.name) || s.bind == STB_WEAK)
      continue;
    Finding f = make_finding(Code::abi_symbol_missing, name.file, name.member);
    f.symbol = std::string(s.name);
    f.message = fmt::format("imports `{}`, which no symbol file of the APIs in use defines: {}; "
                            "the target's loader fails to load the program",
                            f.symbol, apis_text(abi));
    if (auto other = abi.elsewhere.find(s.name); other != abi.elsewhere.end())
      f.remedy = fmt::format("the tree's {} library has it: add its API (XPORT_ABI_APIS={},{}), "
                             "or do without it",
                             other->second, fmt::join(abi.apis, ","), other->second);
    else
      f.remedy = "do without it (the target does not have it), or give the profile a shim for "
                 "it ([symbol-abi.shims])";
    out.push_back(std::move(f));
  }
  if (versioned.empty())
    return;
  Finding f = make_finding(Code::abi_symbol_version, name.file, name.member);
  f.symbol = versioned.front();
  f.message = fmt::format(
      "{} reference{} carr{} a symbol version ({}{}), which the target's "
      "loader ignores: a definition of any version satisfies it",
      versioned.size(), versioned.size() == 1 ? "" : "s", versioned.size() == 1 ? "ies" : "y",
      fmt::join(versioned.begin(), versioned.begin() + std::min<std::size_t>(3, versioned.size()),
                ", "),
      versioned.size() > 3 ? ", ..." : "");
  f.remedy = "link against the layer's stubs, which carry no versions";
  out.push_back(std::move(f));
}

void check_copies(const ElfFile& elf, const ImageName& name, const SymbolAbiContext& abi,
                  const std::vector<Symbol>& dynsym, std::vector<Finding>& out) {
  std::optional<uint32_t> copy = copy_type(elf.machine());
  if (!copy)
    return;
  for (const Relocation& r : elf.relocations()) {
    if (r.type != *copy || r.symbol >= dynsym.size())
      continue;
    const Symbol& s = dynsym[r.symbol];
    auto it = abi.defined.find(s.name);
    if (it == abi.defined.end())
      continue; // abi-symbol-missing says it
    const auto& [lib, entry] = it->second;
    std::string problem;
    if (!entry.object())
      problem = fmt::format("which {}'s symbol file lists as a function ({})", lib, entry.type);
    else if (entry.type != 'V' && entry.size < s.size)
      problem = fmt::format("of {} bytes, where {}'s symbol file says {} (line {})", s.size, lib,
                            entry.size, entry.line);
    if (problem.empty())
      continue;
    Finding f = make_finding(Code::abi_copy_size, name.file, name.member);
    f.symbol = std::string(s.name);
    f.addresses.push_back(r.offset);
    f.message = fmt::format("copies the object `{}` at load time, {}: the copy takes what lies "
                            "beyond it in the library",
                            f.symbol, problem);
    f.remedy = "build against the headers of the target's own release, or compile with -fPIC "
               "so the object is reached through the GOT, not copied";
    out.push_back(std::move(f));
  }
}

void check_hash(const ElfFile& elf, const ImageName& name, std::vector<Finding>& out) {
  bool hash = false, gnu_hash = false;
  for (const DynamicEntry& e : elf.dynamic()) {
    hash |= e.tag == DT_HASH;
    gnu_hash |= e.tag == DT_GNU_HASH;
  }
  if (!gnu_hash || hash)
    return;
  Finding f = make_finding(Code::abi_hash_style, name.file, name.member);
  f.section = ".gnu.hash";
  f.message = "has a .gnu.hash and no .hash: the target's loader reads only the SysV .hash, so it "
              "finds none of the program's symbols";
  f.remedy = "link with -Wl,--hash-style=sysv (xport cc does, against the layer)";
  out.push_back(std::move(f));
}

} // namespace

SymbolAbiContext load_symbol_abi(const sysroot::SymbolAbiLayer& layer, const target::SymbolAbi& abi,
                                 const std::vector<std::string>& apis) {
  SymbolAbiContext out;
  out.format = layer.format;
  out.tree = layer.identity.text();
  out.apis = apis;
  out.libraries = sysroot::api_libraries(abi, apis);
  for (const auto& [lib, path] : layer.libraries)
    out.tree_libraries.insert(lib);
  auto read = [&](const std::string& lib) {
    auto it = layer.libraries.find(lib);
    if (it == layer.libraries.end())
      throw Error("the APIs in use ({}) need the library '{}', which the layer at {} ({}) has no "
                  "symbol file of; set XPORT_ABI_APIS or the profile's symbol-abi.apis",
                  fmt::join(apis, ", "), lib, layer.dir.string(), out.tree);
    std::filesystem::path file = layer.tree() / it->second;
    return sysroot::parse_symbol_file(util::read_file(file), file.string());
  };
  for (const std::string& lib : out.libraries)
    for (sysroot::AbiSymbol& s : read(lib))
      if (s.defined())
        out.defined.try_emplace(s.name, lib, s);
  for (const auto& [lib, path] : layer.libraries) {
    if (std::find(out.libraries.begin(), out.libraries.end(), lib) != out.libraries.end())
      continue;
    for (const sysroot::AbiSymbol& s : read(lib))
      if (s.defined() && !out.defined.contains(s.name))
        out.elsewhere.try_emplace(s.name, lib);
  }
  return out;
}

void check_symbol_abi(const ElfFile& elf, const ImageName& name, const CheckContext& context,
                      std::vector<Finding>& out) {
  if (!context.symbol_abi || (elf.type() != ET_EXEC && elf.type() != ET_DYN) ||
      !elf.segment(PT_DYNAMIC))
    return;
  const SymbolAbiContext& abi = *context.symbol_abi;
  std::vector<Symbol> dynsym = elf.symbols(false);
  check_needed(elf, name, abi, out);
  check_imports(name, abi, dynsym, out);
  check_copies(elf, name, abi, dynsym, out);
  check_hash(elf, name, out);
}

} // namespace xport::elf
