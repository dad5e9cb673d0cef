// `xport abi dump`'s side in xport-full (see dump.hpp): the target's clang flags and headers,
// handed to xport-abi-reader (abi_reader/read_headers.hpp), whose JSON comes back as a Dump.
#include "abi/dump.hpp"

#include <csignal>
#include <filesystem>

#include "abi/clang_flags.hpp"
#include "abi/layout_json.hpp"
#include "driver/host_isolation.hpp"
#include "util/error.hpp"
#include "util/paths.hpp"

namespace xport::abi {
namespace fs = std::filesystem;
namespace {

// Beside this program: libexec/xport/xport-abi-reader, as the front finds xport-full.
fs::path reader_program() {
  return util::self_path().parent_path() / "xport-abi-reader";
}

} // namespace

Dump dump_headers(const DumpRequest& request, const util::Environment& env) {
  return run_reader(prepare_dump(request, env), env);
}

ReaderJob prepare_dump(const DumpRequest& request, const util::Environment& env) {
  const target::Profile& profile = *request.profile;
  ClangFlags flags = clang_flags_for(profile, request.sysroot, env);
  std::vector<std::string> headers =
      request.headers.empty() ? c_library_headers(flags.sysroot) : request.headers;
  if (headers.empty())
    throw Error("sysroot '{}' has no C headers in {}; import media with its usr/include",
                flags.sysroot.root.string(),
                flags.sysroot.layout.include_dirs.empty() ? std::string("any include folder")
                                                          : flags.sysroot.layout.include_dirs[0]);
  nlohmann::json roots = nlohmann::json::array();
  for (const std::string& dir : flags.sysroot.layout.include_dirs)
    roots.push_back((flags.sysroot.root / dir).lexically_normal().string());
  ReaderJob job;
  job.target = profile.name;
  job.sysroot = flags.sysroot.root.string();
  job.request = {{"target", profile.name},     {"sysroot", flags.sysroot.root.string()},
                 {"compiler", flags.compiler}, {"flags", flags.flags},
                 {"headers", headers},         {"include_roots", roots}};
  return job;
}

Dump run_reader(const ReaderJob& job, const util::Environment& env) {
  fs::path reader = reader_program();
  util::RunOptions options;
  options.env = driver::isolate_from_host(env); // libclang reads CPATH and friends too
  options.input = job.request.dump();
  Result<util::Completed> run = util::run_capture({reader.string()}, options);
  if (!run)
    throw Error("cannot run '{}': {}; reinstall xport (it comes with xport-full)", reader.string(),
                run.error());
  if (run->signal == SIGXCPU || run->signal == SIGKILL)
    throw Error("reading the headers of {} from '{}' was stopped at the reader's limit of CPU "
                "time (abi_reader/confinement.hpp; a header that takes unbounded time to parse, "
                "such as a macro that expands exponentially?)",
                job.target, job.sysroot);
  if (!run->ok())
    throw Error("reading the headers of {} from '{}' failed: {}", job.target, job.sysroot,
                run->err.empty() ? "the reader stopped with no message" : run->err);
  try {
    return layout_from_json(nlohmann::json::parse(run->out));
  } catch (const nlohmann::json::exception& e) {
    throw Error("internal: '{}' answered with something that is no dump: {}", reader.string(),
                e.what());
  }
}

} // namespace xport::abi
