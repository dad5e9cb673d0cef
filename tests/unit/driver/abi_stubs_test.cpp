// The stubs' assembler text (as Genode's abi.mk makes it) and the shims' source.
#include <gtest/gtest.h>

#include "driver/abi_shims.hpp"
#include "driver/abi_stubs.hpp"
#include "util/error.hpp"

namespace xport::driver {
namespace {

TEST(AbiStubs, EachTypeBecomesItsDirective) {
  auto symbols =
      sysroot::parse_symbol_file("f T\nw W\nd D 50\nb B 4\nr R 16\nv V\nmain U\n", "test");
  std::string x86 = stub_assembly(symbols, "x86_64");
  for (const char* want : {
           ".text\n.global f\n.type f,%function\nf:\n",
           ".text\n.weak w\n.type w,%function\nw:\n",
           ".data\n.global d\n.type d,%object\n.size d,50\nd: .skip 1\n",
           ".bss\n.global b\n.type b,%object\n.size b,4\nb:\n",
           ".section .rodata\n.global r\n.type r,%object\n.size r,16\nr:\n",
           ".data\n.weak v\n.type v,%object\nv: .skip 1\n",
           ".text\n.global main\nmovq main@GOTPCREL(%rip), %rax\n",
       })
    EXPECT_NE(x86.find(want), std::string::npos) << want << "\nin\n" << x86;
  // PIC code elsewhere references an undefined symbol with a data word.
  EXPECT_NE(stub_assembly(symbols, "riscv64").find(".dword main\n"), std::string::npos);
  EXPECT_NE(stub_assembly(symbols, "i686").find(".long main\n"), std::string::npos);
}

TEST(AbiShims, TheProfilesShimsAndAnUnknownOneNamed) {
  target::Profile p;
  p.name = "x86_64-unknown-genode";
  p.symbol_abi = target::SymbolAbi{};
  p.symbol_abi->shims = {{"pthread_setname_np", {"pthread_set_name_np"}, "why"},
                         {"pthread_getthreadid_np", {"__emutls_get_address"}, "why"}};
  std::string source = shims_source(p);
  EXPECT_NE(source.find("int pthread_setname_np(struct pthread *thread, const char *name)"),
            std::string::npos);
  EXPECT_NE(source.find("pthread_set_name_np(thread, name);"), std::string::npos);
  EXPECT_NE(source.find("int pthread_getthreadid_np(void)"), std::string::npos);
  p.symbol_abi->shims.push_back({"pthread_setname", {}, ""});
  try {
    shims_source(p);
    ADD_FAILURE();
  } catch (const Error& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("names 'pthread_setname', for which xport has no code"), std::string::npos)
        << what;
    EXPECT_NE(what.find("did you mean"), std::string::npos) << what;
  }
}

} // namespace
} // namespace xport::driver
