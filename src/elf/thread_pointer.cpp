// The thread-pointer scan: regions from code_regions(), decoded in parallel (std::thread over
// chunks of regions handed out by an atomic counter), each from its symbol start.
//
// To give the same instruction boundaries as `objdump -d` (binutils 2.40 disassemble_bytes), runs
// of zero bytes are skipped like objdump does: 8 or more zeros are skipped in multiples of 4 when
// more code follows, and fewer than 3 zeros at the end of a region are skipped too.
//
// Speed on x86: a thread-pointer operand needs the 0x64 (0x65) prefix byte, so a region without
// that byte is skipped, and decoding of a region stops after the last such byte. Between
// prefixed instructions, x86_64_length steps over the common encodings without LLVM MC.
#include "elf/thread_pointer.hpp"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <exception>
#include <map>
#include <mutex>
#include <thread>

#include "elf/code_regions.hpp"
#include "elf/mc_decoder.hpp"
#include "elf/names.hpp"
#include "elf/x86_length.hpp"

namespace xport::elf {
namespace {

constexpr uint64_t skip_zeroes = 8, skip_zeroes_at_end = 3;

// The best symbol starting at each (section index, address), for naming the regions.
struct Namer {
  struct Start {
    uint32_t section;
    uint64_t address;
    const Symbol* symbol;
  };
  std::vector<Start> starts; // sorted by (section, address), one per place

  Namer(const ElfFile& elf, const std::vector<Symbol>& symbols) {
    auto rank = [](const Symbol& s) {
      return (s.type == STT_FUNC ? 4 : 0) + (s.bind == STB_GLOBAL ? 2 : s.bind == STB_WEAK ? 1 : 0);
    };
    starts.reserve(symbols.size());
    for (const Symbol& s : symbols) {
      if (is_mapping_symbol(s.name))
        continue;
      uint64_t addr = symbol_address(elf, s);
      if (elf.machine() == EM_ARM && s.type == STT_FUNC)
        addr &= ~uint64_t{1};
      starts.push_back({s.shndx, addr, &s});
    }
    // Best first within a place (the earlier symbol on a tie, as a map keeping the first did).
    std::stable_sort(starts.begin(), starts.end(), [&](const Start& a, const Start& b) {
      if (a.section != b.section || a.address != b.address)
        return std::tie(a.section, a.address) < std::tie(b.section, b.address);
      return rank(*a.symbol) > rank(*b.symbol);
    });
    starts.erase(std::unique(starts.begin(), starts.end(),
                             [](const Start& a, const Start& b) {
                               return a.section == b.section && a.address == b.address;
                             }),
                 starts.end());
  }

  const Symbol* at(uint32_t section, uint64_t address) const {
    auto it =
        std::lower_bound(starts.begin(), starts.end(), std::make_pair(section, address),
                         [](const Start& s, const std::pair<uint32_t, uint64_t>& key) {
                           return std::tie(s.section, s.address) < std::tie(key.first, key.second);
                         });
    return it != starts.end() && it->section == section && it->address == address ? it->symbol
                                                                                  : nullptr;
  }
};

struct Worker {
  const ElfFile& elf;
  bool use_fast_lengths;
  std::unique_ptr<McDecoder> arm, thumb;
  std::vector<ThreadPointerRead> found;

  McDecoder& decoder(CodeKind kind) {
    std::unique_ptr<McDecoder>& d = kind == CodeKind::thumb ? thumb : arm;
    if (!d)
      d = std::make_unique<McDecoder>(elf, kind == CodeKind::thumb);
    return *d;
  }

  void scan(const CodeRegion& r, std::span<const uint8_t> section_bytes, const Symbol* sym,
            uint64_t sym_address) {
    if (r.kind == CodeKind::data)
      return;
    McDecoder& dec = decoder(r.kind);
    const bool x86_64 = elf.machine() == EM_X86_64;
    const bool fast_x86 = x86_64 && use_fast_lengths;
    const uint64_t base = r.section->addr;
    uint64_t p = r.begin - base, end = r.end - base, stop = end;
    if (uint8_t prefix = dec.segment_prefix()) {
      const void* last = memrchr(section_bytes.data() + p, prefix, end - p);
      if (!last)
        return;
      stop = static_cast<const uint8_t*>(last) - section_bytes.data() + 1;
    }
    while (p < end && p < stop) {
      if (fast_x86) {
        p += x86_64_skip_plain(section_bytes.data() + p, end - p, stop - p, 0x64);
        if (p >= stop)
          break;
      }
      uint64_t z = p;
      while (z < end && section_bytes[z] == 0)
        ++z;
      uint64_t zeros = z - p;
      if (zeros >= skip_zeroes || (z == end && zeros > 0 && zeros < skip_zeroes_at_end)) {
        p += z == end ? zeros : zeros & ~uint64_t{3};
        continue;
      }
      // A REX byte not directly before an opcode stands alone for objdump ("rex.W").
      if (x86_64 && (section_bytes[p] & 0xf0) == 0x40 && p + 1 < end &&
          (is_x86_legacy_prefix(section_bytes[p + 1]) || (section_bytes[p + 1] & 0xf0) == 0x40)) {
        p += 1;
        continue;
      }
      if (fast_x86) {
        bool prefixed = false;
        std::size_t length = x86_64_length(section_bytes.data() + p, end - p, 0x64, prefixed);
        if (length && !prefixed) {
          p += length;
          continue;
        }
      }
      TpHit hit;
      // objdump reads no further than the next symbol: an instruction running past it is
      // undecodable there (printed as .byte), and so it is here.
      std::size_t size = dec.decode(section_bytes.subspan(p, end - p), base + p, hit);
      if (hit != TpHit::none) {
        ThreadPointerRead read;
        read.address = base + p;
        read.section = r.section;
        read.canary = hit == TpHit::canary;
        if (sym && (sym->size == 0 || read.address - sym_address < sym->size)) {
          read.function = sym->name;
          read.function_address = sym_address;
        }
        found.push_back(read);
      }
      p += size ? size : dec.min_step();
    }
  }
};

} // namespace

std::string_view thread_pointer_register(uint16_t machine) {
  switch (machine) {
  case EM_X86_64:
    return "%fs";
  case EM_386:
    return "%gs";
  case EM_AARCH64:
    return "TPIDR_EL0";
  case EM_ARM:
    return "TPIDRURO";
  case EM_RISCV:
    return "tp";
  default:
    return "";
  }
}

std::vector<ThreadPointerRead> find_thread_pointer_reads(const ElfFile& elf,
                                                         const ScanOptions& options) {
  McDecoder probe(elf, false); // fails early, on this thread, for a machine we cannot decode
  std::vector<Symbol> symbols = code_symbols(elf);
  std::vector<CodeRegion> regions = code_regions(elf, symbols);
  Namer namer(elf, symbols);
  std::map<uint32_t, std::span<const uint8_t>> contents;
  uint64_t total = 0;
  for (const CodeRegion& r : regions) {
    if (!contents.count(r.section->index))
      contents[r.section->index] = elf.contents(*r.section);
    total += r.end - r.begin;
  }

  // Chunks of consecutive regions of roughly equal size, many more than threads for balance.
  unsigned threads =
      options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  const uint64_t chunk_bytes = std::max<uint64_t>(total / (threads * 32u) + 1, 4096);
  std::vector<std::pair<std::size_t, std::size_t>> chunks;
  for (std::size_t i = 0; i < regions.size();) {
    std::size_t j = i;
    uint64_t bytes = 0;
    while (j < regions.size() && (j == i || bytes < chunk_bytes))
      bytes += regions[j].end - regions[j].begin, ++j;
    chunks.emplace_back(i, j);
    i = j;
  }
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, chunks.size()));

  std::atomic<std::size_t> next{0};
  std::vector<Worker> workers;
  for (unsigned t = 0; t < std::max(threads, 1u); ++t)
    workers.push_back(Worker{elf, options.fast_x86_lengths, nullptr, nullptr, {}});
  std::exception_ptr failure;
  std::mutex failure_lock;
  auto run = [&](Worker& w) {
    try {
      for (std::size_t c; (c = next.fetch_add(1)) < chunks.size();)
        for (std::size_t i = chunks[c].first; i < chunks[c].second; ++i) {
          const CodeRegion& r = regions[i];
          const Symbol* sym = namer.at(r.section->index, r.begin);
          w.scan(r, contents.at(r.section->index), sym, r.begin);
        }
    } catch (...) {
      std::lock_guard lock(failure_lock);
      failure = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t)
    pool.emplace_back(run, std::ref(workers[t]));
  run(workers[0]);
  for (std::thread& t : pool)
    t.join();
  if (failure)
    std::rethrow_exception(failure);

  std::vector<ThreadPointerRead> all;
  for (Worker& w : workers)
    all.insert(all.end(), w.found.begin(), w.found.end());
  std::sort(all.begin(), all.end(), [](const ThreadPointerRead& a, const ThreadPointerRead& b) {
    return std::tie(a.section->index, a.address) < std::tie(b.section->index, b.address);
  });
  return all;
}

} // namespace xport::elf
