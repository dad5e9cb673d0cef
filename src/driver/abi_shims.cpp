// The shims' code (see abi_shims.hpp). Each is plain C with its own declarations, so it compiles
// against any sysroot's headers; what it calls must be in the ABI, which `xport check` verifies on
// the programs that link it.
#include "driver/abi_shims.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "driver/emutls_runtime.hpp"
#include "util/error.hpp"
#include "util/suggest.hpp"

namespace xport::driver {
namespace {

constexpr ShimCode shims[] = {
    // FreeBSD's thread ids are small integers unique among live threads; Genode's libc has none.
    // A number per thread, given on its first call and kept in (emulated) TLS, is as unique.
    {"pthread_getthreadid_np", R"(
static int xport_next_thread_id;
int pthread_getthreadid_np(void) {
  static _Thread_local int id;
  if (id == 0)
    id = __atomic_add_fetch(&xport_next_thread_id, 1, __ATOMIC_RELAXED);
  return id;
}
)"},
    // FreeBSD 12.2's name for pthread_set_name_np, with an int result.
    {"pthread_setname_np", R"(
struct pthread;
void pthread_set_name_np(struct pthread *thread, const char *name);
int pthread_setname_np(struct pthread *thread, const char *name) {
  pthread_set_name_np(thread, name);
  return 0;
}
)"},
};

} // namespace

std::span<const ShimCode> known_shims() {
  return shims;
}

std::string shims_source(const target::Profile& profile) {
  std::string out = "/* xport's shims for " + profile.name + " */\n";
  for (const target::AbiShim& wanted : profile.symbol_abi->shims) {
    auto it = std::find_if(std::begin(shims), std::end(shims),
                           [&](const ShimCode& s) { return s.symbol == wanted.symbol; });
    if (it == std::end(shims)) {
      std::vector<std::string> names;
      for (const ShimCode& s : shims)
        names.emplace_back(s.symbol);
      throw Error("target {}: [symbol-abi.shims] names '{}', for which xport has no code{}; "
                  "xport's shims are: {}",
                  profile.name, wanted.symbol, util::did_you_mean(wanted.symbol, names),
                  fmt::join(names, ", "));
    }
    out += it->code;
  }
  return out;
}

std::filesystem::path ensure_shims_runtime(const target::Profile& profile,
                                           const SysrootView& sysroot, const util::Environment& env,
                                           const std::filesystem::path& cache_root) {
  CachedObject what{"abi-shims",           "xport's shims for the functions the target's ABI lacks",
                    shims_source(profile), "shims.c",
                    "libxport_shims.a",    {"-O2", "-fPIC", "-fno-stack-protector"}};
  return ensure_target_object(what, profile, sysroot, env, cache_root);
}

} // namespace xport::driver
