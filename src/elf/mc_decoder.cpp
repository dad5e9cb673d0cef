// LLVM MC decoding for the thread-pointer scan. What counts as a read, per machine (operands are
// inspected on the MCInst, never on printed text):
//   x86_64: an operand register FS on an instruction carrying the 0x64 segment prefix (a memory
//           operand's segment); canary = FS with no base, no index and displacement 0x28.
//   i386:   the same with GS (0x65), canary at %gs:0x14.
//   AArch64: MRS whose system register is TPIDR_EL0 (op0=3 op1=3 CRn=13 CRm=0 op2=2 = 0xde82).
//   ARM:    MRC/t2MRC p15, 0, Rt, c13, c0, 3 (TPIDRURO).
//   RISC-V: any use (not definition) of register x4 (tp).
#include "elf/mc_decoder.hpp"

#include <mutex>
#include <string>

#include <llvm/MC/MCAsmInfo.h>
#include <llvm/MC/MCContext.h>
#include <llvm/MC/MCDisassembler/MCDisassembler.h>
#include <llvm/MC/MCInst.h>
#include <llvm/MC/MCInstrInfo.h>
#include <llvm/MC/MCRegisterInfo.h>
#include <llvm/MC/MCSubtargetInfo.h>
#include <llvm/MC/MCTargetOptions.h>
#include <llvm/MC/TargetRegistry.h>
#include <llvm/Support/TargetSelect.h>

// Only the architectures the scan knows are linked in (src/CMakeLists.txt links their static
// LLVM libraries, so xport does not load all of libLLVM at every start, `xport cc` included).
#define XPORT_LLVM_TARGETS(X) X(X86) X(AArch64) X(ARM) X(RISCV)
#include <llvm/Support/raw_ostream.h>

#include "elf/names.hpp"
#include "target/platform.hpp"
#include "util/error.hpp"

namespace xport::elf {
namespace {

constexpr int64_t tpidr_el0 = 0xde82;

struct MachineSetup {
  std::string triple;
  std::string features;
  unsigned min_step; // bytes to skip over an undecodable instruction
};

// The architectures whose code the scan decodes, as profiles name them.
std::string decoded_architectures() {
  std::vector<std::string_view> names;
  for (const target::ArchFacts& a : target::architectures())
    if (!a.disassembly.arch.empty())
      names.push_back(a.name);
  return fmt::format("{}", fmt::join(names, ", "));
}

// The platform table's row says what the disassembler is created for (target/platform.hpp).
MachineSetup setup_for(const ElfFile& elf, bool thumb) {
  const target::ArchFacts* arch = target::arch_of_elf_machine(elf.machine());
  if (!arch || arch->disassembly.arch.empty())
    throw Error("{}: cannot scan {} code for thread-pointer reads: xport decodes the code of {}",
                elf.name(), machine_name(elf.machine()), decoded_architectures());
  const target::LlvmDisassembly& d = arch->disassembly;
  std::string_view triple_arch = d.arch;
  if (elf.is64() != arch->is_64 && !d.other_class_arch.empty())
    triple_arch = d.other_class_arch;
  if (elf.big_endian() && !d.big_endian_arch.empty())
    triple_arch = d.big_endian_arch;
  unsigned min_step = d.min_step;
  if (thumb && !d.thumb_arch.empty()) {
    triple_arch = elf.big_endian() && !d.thumb_big_endian_arch.empty() ? d.thumb_big_endian_arch
                                                                       : d.thumb_arch;
    min_step = d.thumb_min_step;
  }
  return {std::string(triple_arch) + "-unknown-unknown", std::string(d.features), min_step};
}

unsigned find_register(const llvm::MCRegisterInfo& mri, const char* name) {
  for (unsigned r = 1; r < mri.getNumRegs(); ++r)
    if (std::string_view(mri.getName(r)) == name)
      return r;
  return 0;
}

unsigned find_opcode(const llvm::MCInstrInfo& mii, const char* name) {
  for (unsigned op = 0; op < mii.getNumOpcodes(); ++op)
    if (mii.getName(op) == name)
      return op;
  return ~0u;
}

} // namespace

struct McDecoder::State {
  uint16_t machine;
  std::unique_ptr<llvm::MCRegisterInfo> mri;
  std::unique_ptr<llvm::MCAsmInfo> mai;
  std::unique_ptr<llvm::MCSubtargetInfo> sti;
  std::unique_ptr<llvm::MCInstrInfo> mii;
  std::unique_ptr<llvm::MCContext> context;
  std::unique_ptr<llvm::MCDisassembler> disassembler;
  unsigned min_step = 1;
  unsigned tp_register = 0;        // FS, GS or X4
  uint8_t segment_prefix = 0;      // 0x64 / 0x65 on x86
  int64_t canary_displacement = 0; // 0x28 / 0x14 on x86
  unsigned mrs = ~0u, mrc = ~0u, t2mrc = ~0u;
  llvm::MCInst inst;
};

McDecoder::McDecoder(const ElfFile& elf, bool thumb) : state_(std::make_unique<State>()) {
  static std::once_flag initialised;
  std::call_once(initialised, [] {
#define XPORT_INIT_TARGET(t)                                                                       \
  LLVMInitialize##t##TargetInfo();                                                                 \
  LLVMInitialize##t##TargetMC();                                                                   \
  LLVMInitialize##t##Disassembler();
    XPORT_LLVM_TARGETS(XPORT_INIT_TARGET)
#undef XPORT_INIT_TARGET
  });
  MachineSetup setup = setup_for(elf, thumb);
  State& s = *state_;
  s.machine = elf.machine();
  s.min_step = setup.min_step;
  std::string error;
  const llvm::Target* target = llvm::TargetRegistry::lookupTarget(setup.triple, error);
  if (!target)
    throw Error("{}: LLVM has no disassembler for {}: {}", elf.name(), setup.triple, error);
  llvm::MCTargetOptions options;
  s.mri.reset(target->createMCRegInfo(setup.triple));
  s.mai.reset(target->createMCAsmInfo(*s.mri, setup.triple, options));
  s.sti.reset(target->createMCSubtargetInfo(setup.triple, "", setup.features));
  s.mii.reset(target->createMCInstrInfo());
  s.context = std::make_unique<llvm::MCContext>(llvm::Triple(setup.triple), s.mai.get(),
                                                s.mri.get(), s.sti.get());
  s.disassembler.reset(target->createMCDisassembler(*s.sti, *s.context));
  if (!s.disassembler)
    throw Error("{}: LLVM could not create a disassembler for {}", elf.name(), setup.triple);
  switch (s.machine) {
  case EM_X86_64:
    s.tp_register = find_register(*s.mri, "FS");
    s.segment_prefix = 0x64;
    s.canary_displacement = 0x28;
    break;
  case EM_386:
    s.tp_register = find_register(*s.mri, "GS");
    s.segment_prefix = 0x65;
    s.canary_displacement = 0x14;
    break;
  case EM_AARCH64:
    s.mrs = find_opcode(*s.mii, "MRS");
    break;
  case EM_ARM:
    s.mrc = find_opcode(*s.mii, "MRC");
    s.t2mrc = find_opcode(*s.mii, "t2MRC");
    break;
  case EM_RISCV:
    s.tp_register = find_register(*s.mri, "X4");
    break;
  }
}

McDecoder::~McDecoder() = default;

unsigned McDecoder::min_step() const {
  return state_->min_step;
}
uint8_t McDecoder::segment_prefix() const {
  return state_->segment_prefix;
}

std::size_t McDecoder::decode(std::span<const uint8_t> bytes, uint64_t address, TpHit& hit) {
  State& s = *state_;
  hit = TpHit::none;
  uint64_t size = 0;
  s.inst.clear();
  auto status = s.disassembler->getInstruction(
      s.inst, size, llvm::ArrayRef(bytes.data(), bytes.size()), address, llvm::nulls());
  if (status != llvm::MCDisassembler::Success)
    return 0;
  const llvm::MCInst& in = s.inst;
  switch (s.machine) {
  case EM_X86_64:
  case EM_386: {
    // Only a segment-override prefix makes an operand FS/GS-relative; look at the legacy prefixes
    // (and REX) before the opcode, then find the segment operand.
    bool prefixed = false;
    for (std::size_t i = 0; i < size; ++i) {
      uint8_t b = bytes[i];
      if (b == s.segment_prefix)
        prefixed = true;
      bool legacy = b == 0x26 || b == 0x2e || b == 0x36 || b == 0x3e || b == 0x64 || b == 0x65 ||
                    b == 0x66 || b == 0x67 || b == 0xf0 || b == 0xf2 || b == 0xf3;
      bool rex = s.machine == EM_X86_64 && (b & 0xf0) == 0x40;
      if (!legacy && !rex)
        break;
    }
    if (!prefixed)
      break;
    for (unsigned i = 0; i < in.getNumOperands(); ++i) {
      const llvm::MCOperand& op = in.getOperand(i);
      if (!op.isReg() || op.getReg() != s.tp_register)
        continue;
      hit = TpHit::read;
      // X86 memory operands are base, scale, index, displacement, segment.
      if (i >= 4 && in.getOperand(i - 4).isReg() && in.getOperand(i - 4).getReg() == 0 &&
          in.getOperand(i - 2).isReg() && in.getOperand(i - 2).getReg() == 0 &&
          in.getOperand(i - 1).isImm() && in.getOperand(i - 1).getImm() == s.canary_displacement)
        hit = TpHit::canary;
      break;
    }
    break;
  }
  case EM_AARCH64:
    if (in.getOpcode() == s.mrs && in.getNumOperands() >= 2 && in.getOperand(1).isImm() &&
        in.getOperand(1).getImm() == tpidr_el0)
      hit = TpHit::read;
    break;
  case EM_ARM:
    if ((in.getOpcode() == s.mrc || in.getOpcode() == s.t2mrc) && in.getNumOperands() >= 6) {
      auto imm = [&](unsigned i) {
        return in.getOperand(i).isImm() ? in.getOperand(i).getImm() : -1;
      };
      if (imm(1) == 15 && imm(2) == 0 && imm(3) == 13 && imm(4) == 0 && imm(5) == 3)
        hit = TpHit::read;
    }
    break;
  case EM_RISCV: {
    unsigned defs = s.mii->get(in.getOpcode()).getNumDefs();
    for (unsigned i = defs; i < in.getNumOperands(); ++i)
      if (in.getOperand(i).isReg() && in.getOperand(i).getReg() == s.tp_register)
        hit = TpHit::read;
    break;
  }
  }
  return static_cast<std::size_t>(size);
}

} // namespace xport::elf
