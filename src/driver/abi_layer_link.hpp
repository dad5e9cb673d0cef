// What a link takes from a sysroot's symbol-ABI layer (sysroot/symbol_abi.hpp): the stubs of the
// APIs in use, the tree's linker script and dynamic list, the sysroot's static archives the
// profile names, and xport's shims. Read at link time only; compiles never look.
#pragma once

#include <optional>

#include "driver/command_line.hpp"
#include "target/profile.hpp"
#include "util/process.hpp"

namespace xport::driver {

// The layer's link inputs, or nullopt when the profile has no [symbol-abi] or the sysroot no
// layer. Throws xport::Error when an API in use has no library in the layer (naming the tree's
// libraries) or a file of the layer is missing.
std::optional<AbiLayerLink> abi_layer_link(const target::Profile& profile,
                                           const SysrootView& sysroot,
                                           const util::Environment& env);

// "xport: note: ..." once per session (the shell a build runs in) and target: the profile links
// against a symbol ABI, the sysroot has no layer of it, so programs are linked as the media's.
void note_missing_layer_once(const target::Profile& profile, const SysrootView& sysroot,
                             const util::Environment& env);

} // namespace xport::driver
