// Running every check over one image.
#include "elf/check.hpp"

namespace xport::elf {

bool thread_pointer_forbidden(const target::Profile& profile) {
  return profile.tls_model == target::TlsModel::emulated ||
         profile.thread_pointer == target::ThreadPointer::none;
}

std::vector<Finding> check_image(const ElfFile& elf, const ImageName& name,
                                 const CheckContext& context) {
  std::vector<Finding> out;
  check_header(elf, name, context, out);
  // A file for another machine, class or byte order: that finding says all there is to say (its
  // code cannot be decoded as the target's, its libraries are not the target's).
  for (const Finding& f : out)
    if (f.code == Code::machine_mismatch || f.code == Code::class_mismatch ||
        f.code == Code::endian_mismatch)
      return out;
  check_tls(elf, name, context, out);
  check_relocations(elf, name, context, out);
  check_static_initializers(elf, name, context, out);
  check_version_ceilings(elf, name, context.max_versions, out);
  if (context.symbol_abi) {
    check_symbol_abi(elf, name, context, out);
  } else {
    check_dependencies(elf, name, context, out);
    check_unavailable_symbols(elf, name, context, out);
  }
  return out;
}

} // namespace xport::elf
