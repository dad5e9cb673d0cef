// TLS checks for targets whose profile forbids the thread pointer (tls-model = "emulated", or
// thread-pointer = "none"): instructions that read it (one finding per function, with all its
// addresses), stack-protector canary reads as their own kind, TLS relocations and PT_TLS. This is
// the Genode crash: FreeBSD code reading %fs where Genode set up no TLS area.
#include <iterator>
#include <map>

#include <fmt/format.h>

#include "elf/check.hpp"
#include "elf/names.hpp"
#include "elf/thread_pointer.hpp"
#include "util/parallel.hpp"

namespace xport::elf {
namespace {

std::string why(const target::Profile& p, std::string_view reg) {
  if (p.tls_model == target::TlsModel::emulated)
    return fmt::format("the target's tls-model is emulated and it provides no TLS area through {}",
                       reg);
  return fmt::format("{} declares no thread pointer, so {} holds nothing usable", p.name, reg);
}

std::string register_upper(std::string_view reg) {
  std::string r(reg.starts_with('%') ? reg.substr(1) : reg);
  for (char& c : r)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return r;
}

} // namespace

void check_tls(const ElfFile& elf, const ImageName& name, const CheckContext& context,
               std::vector<Finding>& out) {
  const target::Profile& p = context.profile;
  if (!thread_pointer_forbidden(p))
    return;
  std::string_view reg = thread_pointer_register(elf.machine());
  if (!reg.empty()) {
    ScanOptions options;
    options.threads = context.threads;
    // Group by (kind, section, function): the crash reads as one finding per function. The
    // reads come sorted by address, so a function's are consecutive: the map is asked only when
    // the key changes.
    struct Group {
      const ThreadPointerRead* first;
      std::vector<uint64_t> addresses;
    };
    using Key = std::tuple<bool, uint32_t, uint64_t, std::string_view>;
    std::map<Key, Group> groups;
    std::vector<ThreadPointerRead> reads = find_thread_pointer_reads(elf, options);
    Group* group = nullptr;
    Key group_key;
    for (const ThreadPointerRead& r : reads) {
      // Reads outside any sized symbol are grouped per section.
      Key key{r.canary, r.section->index, r.function_address, r.function};
      if (!group || key != group_key) {
        group = &groups.try_emplace(key, Group{&r, {}}).first->second;
        group_key = key;
      }
      group->addresses.push_back(r.address);
    }
    // The findings' words (demangled names, address lists) for thousands of functions in a
    // large library, made on every core.
    const std::string reason = why(p, register_upper(reg));
    const std::string canary_remedy =
        "build this code with -fno-stack-protector, or with a stack protector that uses a global "
        "guard (-mstack-protector-guard=global)";
    const std::string read_remedy =
        fmt::format("rebuild it for {} so TLS goes through __emutls_get_address (clang "
                    "-femulated-tls; Rust: tls-model = \"emulated\" with -Z build-std, e.g. "
                    "xport cargo {} build)",
                    p.name, p.name);
    std::vector<Group*> ordered;
    for (auto& entry : groups)
      ordered.push_back(&entry.second);
    std::vector<Finding> made(ordered.size());
    util::parallel_for(ordered.size(), context.threads, [&](std::size_t i) {
      Group& g = *ordered[i];
      const ThreadPointerRead& r = *g.first;
      Finding f = make_finding(r.canary ? Code::stack_protector_canary : Code::thread_pointer_read,
                               name.file, name.member);
      f.section = std::string(r.section->name);
      f.symbol = demangle(r.function);
      std::string where = f.symbol.empty() ? fmt::format("in section {}", f.section)
                                           : fmt::format("in `{}`", f.symbol);
      std::string what = r.canary ? fmt::format("reads the stack-protector canary through the "
                                                "thread pointer ({})",
                                                reg)
                                  : fmt::format("reads the thread pointer ({})", reg);
      f.message = fmt::format("{} at {} {}; {}", what, address_list(g.addresses), where, reason);
      f.remedy = r.canary ? canary_remedy : read_remedy;
      f.addresses = std::move(g.addresses);
      made[i] = std::move(f);
    });
    std::move(made.begin(), made.end(), std::back_inserter(out));
  }

  // TLS relocations: one finding per (relocation section, type).
  std::map<std::pair<std::string_view, uint32_t>, std::vector<uint64_t>> tls_relocs;
  std::map<uint32_t, bool> tls_type; // decided once per type
  auto is_tls_type = [&](uint32_t type) {
    auto it = tls_type.find(type);
    if (it == tls_type.end())
      it = tls_type.emplace(type, is_tls_relocation(relocation_name(elf.machine(), type))).first;
    return it->second;
  };
  for (const Relocation& r : elf.relocations())
    if (is_tls_type(r.type))
      tls_relocs[{r.section ? r.section->name : std::string_view("dynamic"), r.type}].push_back(
          r.offset);
  for (auto& [key, offsets] : tls_relocs) {
    Finding f = make_finding(Code::tls_relocation, name.file, name.member);
    f.section = std::string(key.first);
    f.addresses = offsets;
    std::string type = relocation_name(elf.machine(), key.second);
    f.message = fmt::format("{} {} relocation{} in {} (at {}) use native TLS; {}", offsets.size(),
                            type, offsets.size() == 1 ? "" : "s", key.first, address_list(offsets),
                            why(p, register_upper(reg.empty() ? "the thread pointer" : reg)));
    f.remedy = fmt::format("rebuild the code that defines or uses these thread-locals for {} "
                           "(clang -femulated-tls)",
                           p.name);
    out.push_back(std::move(f));
  }

  if (const Segment* tls = elf.segment(PT_TLS)) {
    Finding f = make_finding(Code::tls_segment, name.file, name.member);
    f.addresses = {tls->vaddr};
    f.message = fmt::format("has a PT_TLS segment ({} bytes of thread-local data at 0x{:x}) that "
                            "{}'s loader will not set up; {}",
                            tls->memsz, tls->vaddr, p.name,
                            why(p, register_upper(reg.empty() ? "the thread pointer" : reg)));
    f.remedy = fmt::format("rebuild with -femulated-tls for {}: thread-locals then live in "
                           "__emutls_v.* variables",
                           p.name);
    out.push_back(std::move(f));
  }
}

} // namespace xport::elf
