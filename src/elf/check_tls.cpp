// TLS checks for targets whose profile forbids the thread pointer (tls-model = "emulated", or
// thread-pointer = "none"): instructions that read it (one finding per function, with all its
// addresses), stack-protector canary reads as their own kind, TLS relocations and PT_TLS. This is
// the Genode crash: FreeBSD code reading %fs where Genode set up no TLS area.
#include <map>

#include <fmt/format.h>

#include "elf/check.hpp"
#include "elf/names.hpp"
#include "elf/thread_pointer.hpp"

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
    // Group by (kind, section, function): the crash reads as one finding per function.
    struct Group {
      const ThreadPointerRead* first;
      std::vector<uint64_t> addresses;
    };
    std::map<std::tuple<bool, uint32_t, uint64_t, std::string_view>, Group> groups;
    std::vector<ThreadPointerRead> reads = find_thread_pointer_reads(elf, options);
    for (const ThreadPointerRead& r : reads) {
      // Reads outside any sized symbol are grouped per section.
      auto key = std::make_tuple(r.canary, r.section->index, r.function_address, r.function);
      Group& g = groups.try_emplace(key, Group{&r, {}}).first->second;
      g.addresses.push_back(r.address);
    }
    for (auto& [key, g] : groups) {
      const ThreadPointerRead& r = *g.first;
      Finding f = make_finding(r.canary ? Code::stack_protector_canary : Code::thread_pointer_read,
                               name.file, name.member);
      f.section = std::string(r.section->name);
      f.addresses = g.addresses;
      f.symbol = demangle(r.function);
      std::string where = f.symbol.empty() ? fmt::format("in section {}", f.section)
                                           : fmt::format("in `{}`", f.symbol);
      std::string what = r.canary ? fmt::format("reads the stack-protector canary through the "
                                                "thread pointer ({})",
                                                reg)
                                  : fmt::format("reads the thread pointer ({})", reg);
      f.message = fmt::format("{} at {} {}; {}", what, address_list(g.addresses), where,
                              why(p, register_upper(reg)));
      f.remedy = r.canary
                     ? "build this code with -fno-stack-protector, or with a stack protector "
                       "that uses a global guard (-mstack-protector-guard=global)"
                     : fmt::format("rebuild it for {} so TLS goes through __emutls_get_address "
                                   "(clang -femulated-tls; Rust: tls-model = \"emulated\" with "
                                   "-Z build-std, e.g. xport cargo {} build)",
                                   p.name, p.name);
      out.push_back(f);
    }
  }

  // TLS relocations: one finding per (relocation section, type).
  std::map<std::pair<std::string_view, uint32_t>, std::vector<uint64_t>> tls_relocs;
  for (const Relocation& r : elf.relocations())
    if (is_tls_relocation(relocation_name(elf.machine(), r.type)))
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
    out.push_back(f);
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
    out.push_back(f);
  }
}

} // namespace xport::elf
