// The ABI stubs of a symbol-ABI layer: one shared object per symbol file that has the library's
// soname and defines its symbols (types and object sizes as the file says) but holds no code, made
// the way Genode's repos/base/mk/abi.mk makes them, with clang's assembler and lld (no GNU
// binutils). Programs link against the stubs; the real libraries are loaded at run time.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sysroot/symbol_abi.hpp"
#include "target/profile.hpp"
#include "util/process.hpp"

namespace xport::driver {

// The assembler text of one library's stub (abi.mk's sed script, line by line).
std::string stub_assembly(const std::vector<sysroot::AbiSymbol>& symbols, const std::string& arch);

// Makes <layer>/stubs/<lib>.lib.so for each library of the staged tree, and the profile's empty
// archives in <layer>/empty. `layer` is the staging folder's symbol-abi/. Throws xport::Error
// with the tool's output when clang or lld fails.
void make_abi_stubs(const target::Profile& profile, const std::filesystem::path& layer,
                    const sysroot::StagedTree& tree, const util::Environment& env);

// A symbol-ABI tree in `medium` (a folder or an archive holding one) made into a layer in
// `staging`: the tree's symbol and recipe files, layer.json, the stubs and the empty archives.
// nullopt when the medium holds no tree of the profile's format (nothing is written then).
std::optional<sysroot::StagedTree> stage_abi_layer(const sysroot::MediumSource& medium,
                                                   const target::Profile& profile,
                                                   const std::filesystem::path& staging,
                                                   const util::Environment& env);

} // namespace xport::driver
