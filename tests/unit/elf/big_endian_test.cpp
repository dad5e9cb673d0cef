// Big-endian ELF read through the same view as little-endian: one C file compiled by clang for
// s390x (64-bit, big-endian), powerpc64le and x86_64 (64-bit, little-endian) gives the same
// symbols, sizes, data words and relocation targets from every reader, and the checks run on
// each without a thread-pointer decoder for s390x or PowerPC getting in the way.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include <gtest/gtest.h>

#include "elf/check.hpp"
#include "elf/input.hpp"
#include "elf/names.hpp"
#include "elf/summary.hpp"

namespace xport::elf {
namespace {

namespace fs = std::filesystem;

constexpr const char* source = R"(extern int puts(const char *);
_Thread_local int counter = 7;
const unsigned long long table[3] = {1, 2, 0x0102030405060708ULL};
short halves[2] = {0x1234, 0x5678};
int bump(int by) { counter += by; return counter + (int)table[by & 1]; }
__attribute__((constructor)) static void greet(void) { puts("hello"); }
)";

// One object per triple, compiled once for the whole file.
const fs::path& object_for(const std::string& triple) {
  static std::map<std::string, fs::path> built;
  auto it = built.find(triple);
  if (it != built.end())
    return it->second;
  fs::path dir = fs::path(XPORT_BINARY_DIR) / "unit-elf" / "BigEndian";
  fs::create_directories(dir);
  fs::path src = dir / "sample.c";
  std::ofstream(src) << source;
  fs::path out = dir / (triple + ".o");
  std::string cmd =
      "clang --target=" + triple + " -O1 -fPIC -c " + src.string() + " -o " + out.string();
  if (std::system(cmd.c_str()) != 0)
    throw std::runtime_error("cannot run: " + cmd);
  return built.emplace(triple, out).first->second;
}

struct Object {
  Input input;
  ElfFile elf;
  explicit Object(const std::string& triple)
      : input(open_input(object_for(triple))), elf(input.images[0].name, input.images[0].bytes) {}
};

const Symbol* find_symbol(const std::vector<Symbol>& symbols, std::string_view name) {
  for (const Symbol& s : symbols)
    if (s.name == name)
      return &s;
  return nullptr;
}

// The bytes of a defined data symbol, read through the view of its section.
uint64_t data_word(const ElfFile& elf, const Symbol& s, uint64_t index, unsigned size) {
  const Section* section = elf.section_at(s.shndx);
  EXPECT_NE(section, nullptr);
  uint64_t at = section->offset + s.value + index * size;
  switch (size) {
  case 2:
    return elf.view().u16(at, "test");
  case 4:
    return elf.view().u32(at, "test");
  default:
    return elf.view().u64(at, "test");
  }
}

TEST(BigEndian, TheHeaderSaysMsbAndEveryFieldIsReadInThatOrder) {
  Object s390x("s390x-linux-gnu");
  EXPECT_TRUE(s390x.elf.big_endian());
  EXPECT_TRUE(s390x.elf.is64());
  EXPECT_EQ(s390x.elf.type(), ET_REL);
  EXPECT_EQ(s390x.elf.machine(), 22); // EM_S390: a byte-swapped read gives 0x1600
  Object ppc("powerpc64le-linux-gnu");
  EXPECT_FALSE(ppc.elf.big_endian());
  EXPECT_EQ(ppc.elf.machine(), 21); // EM_PPC64
  Summary s = summarize(s390x.elf);
  EXPECT_TRUE(s.big_endian);
  EXPECT_TRUE(s.describe().starts_with("ELF 64-bit MSB relocatable, IBM S/390")) << s.describe();
  EXPECT_TRUE(summarize(ppc.elf).describe().starts_with("ELF 64-bit LSB relocatable, 64-bit "
                                                        "PowerPC or cisco 7500"))
      << summarize(ppc.elf).describe();
}

TEST(BigEndian, SymbolsAndDataMatchTheLittleEndianBuildOfTheSameSource) {
  Object big("s390x-linux-gnu");
  Object little("x86_64-linux-gnu");
  std::vector<Symbol> b = big.elf.symbols(true), l = little.elf.symbols(true);
  for (const char* name : {"counter", "table", "halves", "bump", "greet", "puts"}) {
    const Symbol* bs = find_symbol(b, name);
    const Symbol* ls = find_symbol(l, name);
    ASSERT_NE(bs, nullptr) << name;
    ASSERT_NE(ls, nullptr) << name;
    EXPECT_EQ(bs->type, ls->type) << name;
    EXPECT_EQ(bs->bind, ls->bind) << name;
    EXPECT_EQ(bs->defined(), ls->defined()) << name;
    if (bs->type != STT_FUNC) { // code sizes differ between machines; data sizes do not
      EXPECT_EQ(bs->size, ls->size) << name;
    }
  }
  EXPECT_EQ(find_symbol(b, "table")->size, 24u);
  EXPECT_EQ(find_symbol(b, "counter")->type, STT_TLS);
  for (const Object* o : {&big, &little}) {
    std::vector<Symbol> symbols = o->elf.symbols(true);
    const Symbol* table = find_symbol(symbols, "table");
    EXPECT_EQ(data_word(o->elf, *table, 2, 8), 0x0102030405060708u);
    const Symbol* halves = find_symbol(symbols, "halves");
    EXPECT_EQ(data_word(o->elf, *halves, 1, 2), 0x5678u);
    const Symbol* counter = find_symbol(symbols, "counter");
    EXPECT_EQ(data_word(o->elf, *counter, 0, 4), 7u);
  }
}

TEST(BigEndian, RelocationsNameS390TypesAndPointAtTheRightSymbols) {
  Object big("s390x-linux-gnu");
  std::vector<Symbol> symbols = big.elf.symbols(true);
  std::map<std::string, std::string> by_target;
  for (const Relocation& r : big.elf.relocations()) {
    std::string type = relocation_name(big.elf.machine(), r.type);
    EXPECT_TRUE(type.starts_with("R_390_")) << type << " (type " << r.type << ")";
    ASSERT_LT(r.symbol, symbols.size());
    by_target[std::string(symbols[r.symbol].name)] = type;
    EXPECT_LT(r.offset, 1u << 16) << "a byte-swapped r_offset would be huge";
  }
  ASSERT_TRUE(by_target.count("puts"));
  EXPECT_EQ(by_target["puts"], "R_390_PLT32DBL");
  ASSERT_TRUE(by_target.count("counter"));
  EXPECT_TRUE(is_tls_relocation(by_target["counter"])) << by_target["counter"];
}

target::Profile linux_profile(std::string arch, target::Endian endian, target::ThreadPointer tp) {
  target::Profile p;
  p.name = arch + "-unknown-linux-gnu";
  p.arch = std::move(arch);
  p.os = "linux";
  p.endian = endian;
  p.pointer_width = 64;
  p.thread_pointer = tp;
  return p;
}

std::vector<std::string> codes_of(const ElfFile& elf, const target::Profile& p) {
  CheckContext context;
  context.profile = p;
  context.threads = 1;
  std::vector<std::string> out;
  for (const Finding& f : check_image(elf, {elf.name(), "", {}}, context))
    out.emplace_back(code_name(f.code));
  return out;
}

TEST(BigEndian, ChecksJudgeByteOrderAndSkipTheThreadPointerScanWhereNoDecoderExists) {
  Object big("s390x-linux-gnu");
  Object ppc("powerpc64le-linux-gnu");
  using target::Endian;
  using target::ThreadPointer;
  target::Profile s390x = linux_profile("s390x", Endian::big, ThreadPointer::a0);
  target::Profile ppc64le = linux_profile("powerpc64le", Endian::little, ThreadPointer::r13);
  EXPECT_EQ(codes_of(big.elf, s390x), std::vector<std::string>{});
  EXPECT_EQ(codes_of(ppc.elf, ppc64le), std::vector<std::string>{});
  // The same s390x object judged as if the target were little-endian: a byte-order finding.
  target::Profile wrong = s390x;
  wrong.endian = Endian::little;
  std::vector<std::string> found = codes_of(big.elf, wrong);
  EXPECT_NE(std::find(found.begin(), found.end(), "endian-mismatch"), found.end());
  // With TLS forbidden, the TLS relocations are findings; there is no decoder for s390x or
  // PowerPC code, and that is no error.
  for (auto [obj, profile] : {std::pair{&big, s390x}, std::pair{&ppc, ppc64le}}) {
    profile.tls_model = target::TlsModel::emulated;
    std::vector<std::string> tls = codes_of(obj->elf, profile);
    EXPECT_FALSE(tls.empty()) << profile.name;
    for (const std::string& code : tls)
      EXPECT_TRUE(code.starts_with("tls")) << profile.name << ": " << code;
  }
}

} // namespace
} // namespace xport::elf
