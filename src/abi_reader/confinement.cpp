// See confinement.hpp. Landlock is used through its system calls (glibc 2.36 has no wrappers);
// the rights handled are those of its first ABI, so that any kernel with Landlock enforces them.
#include "abi_reader/confinement.hpp"

#include <algorithm>
#include <cerrno>
#include <clang-c/Index.h>
#include <cstring>
#include <dlfcn.h>
#include <fcntl.h>
#include <filesystem>
#include <linux/landlock.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

namespace xport::abi {
namespace fs = std::filesystem;
namespace {

constexpr uint64_t read_rights = LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR;
// Everything of ABI 1: reading (allowed beneath the roots), and executing and writing anything
// (allowed nowhere).
constexpr uint64_t handled_rights =
    read_rights | LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE |
    LANDLOCK_ACCESS_FS_REMOVE_DIR | LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_CHAR |
    LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_MAKE_SOCK |
    LANDLOCK_ACCESS_FS_MAKE_FIFO | LANDLOCK_ACCESS_FS_MAKE_BLOCK | LANDLOCK_ACCESS_FS_MAKE_SYM;

// clang's resource folder (stddef.h, stdarg.h...), as libclang finds it: asked by parsing
// `#include <stddef.h>` with no include folder but clang's own (-nostdlibinc, no sysroot), and
// the folder `clang` beside the library's real file as well. Debian links
// /usr/lib/clang/14.0.6/include to /usr/lib/llvm-14/lib/clang/14.0.6/include: both are taken.
void add_resource_folders(const std::string& compiler, std::vector<std::string>& roots) {
  std::error_code ec;
  Dl_info info{};
  if (::dladdr(reinterpret_cast<void*>(&clang_createIndex), &info) != 0 && info.dli_fname) {
    fs::path dir = fs::canonical(info.dli_fname, ec).parent_path() / "clang";
    if (!ec && fs::is_directory(dir, ec))
      roots.push_back(dir.string());
  }
  CXIndex index = clang_createIndex(0, 0);
  const char* source = "#include <stddef.h>\n";
  CXUnsavedFile unsaved{"xport-resource-probe.c", source, std::strlen(source)};
  std::vector<const char*> args = {compiler.c_str(), "-nostdlibinc", "-x", "c"};
  CXTranslationUnit unit = nullptr;
  if (clang_parseTranslationUnit2FullArgv(
          index, unsaved.Filename, args.data(), static_cast<int>(args.size()), &unsaved, 1,
          CXTranslationUnit_SkipFunctionBodies, &unit) == CXError_Success &&
      unit) {
    clang_getInclusions(
        unit,
        [](CXFile file, CXSourceLocation*, unsigned depth, CXClientData data) {
          if (depth != 1 || !file)
            return;
          CXString name = clang_getFileName(file);
          const char* text = clang_getCString(name);
          auto* out = static_cast<std::vector<std::string>*>(data);
          if (text) {
            std::error_code ec;
            fs::path folder = fs::path(text).parent_path();
            out->push_back(folder.string());
            out->push_back(fs::canonical(folder, ec).string());
          }
          clang_disposeString(name);
        },
        &roots);
    clang_disposeTranslationUnit(unit);
  }
  clang_disposeIndex(index);
}

} // namespace

std::vector<std::string> readable_roots(const std::string& sysroot, const std::string& compiler,
                                        const std::vector<std::string>& flags) {
  std::vector<std::string> roots = {sysroot};
  for (const std::string& flag : flags) { // "-isystem" "/x", "-I/x", "--sysroot=/x"
    if (flag.starts_with('/'))
      roots.push_back(flag);
    else if (std::size_t eq = flag.find("=/"); eq != std::string::npos)
      roots.push_back(flag.substr(eq + 1));
    else if (flag.starts_with("-I/") || flag.starts_with("-B/"))
      roots.push_back(flag.substr(2));
  }
  add_resource_folders(compiler, roots);
  return roots;
}

std::string restrict_reading_to(const std::vector<std::string>& roots) {
  landlock_ruleset_attr attr{};
  attr.handled_access_fs = handled_rights;
  long ruleset = ::syscall(SYS_landlock_create_ruleset, &attr, sizeof attr, 0);
  if (ruleset < 0)
    return errno == ENOSYS || errno == EOPNOTSUPP ? "the kernel has no Landlock"
                                                  : std::strerror(errno);
  int fd = static_cast<int>(ruleset);
  for (const std::string& root : roots) {
    int dir = ::open(root.c_str(), O_PATH | O_CLOEXEC);
    if (dir < 0)
      continue; // a folder that does not exist holds nothing to read
    struct stat st {};
    landlock_path_beneath_attr rule{};
    rule.parent_fd = dir;
    // A file may be given only file rights.
    rule.allowed_access =
        ::fstat(dir, &st) == 0 && S_ISDIR(st.st_mode) ? read_rights : LANDLOCK_ACCESS_FS_READ_FILE;
    long added = ::syscall(SYS_landlock_add_rule, fd, LANDLOCK_RULE_PATH_BENEATH, &rule, 0);
    int saved = errno;
    ::close(dir);
    if (added != 0) {
      ::close(fd);
      return std::string("cannot add a Landlock rule for ") + root + ": " + std::strerror(saved);
    }
  }
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
      ::syscall(SYS_landlock_restrict_self, fd, 0) != 0) {
    int saved = errno;
    ::close(fd);
    return std::string("cannot restrict the reader with Landlock: ") + std::strerror(saved);
  }
  ::close(fd);
  return "";
}

void limit_resources() {
  auto lower = [](int resource, rlim_t soft, rlim_t hard) {
    rlimit now{};
    if (::getrlimit(resource, &now) != 0)
      return;
    rlimit wanted{std::min(soft, now.rlim_max), std::min(hard, now.rlim_max)};
    if (now.rlim_cur != RLIM_INFINITY && now.rlim_cur < wanted.rlim_cur)
      wanted.rlim_cur = now.rlim_cur; // the user's own limit is lower: it stands
    ::setrlimit(resource, &wanted);
  };
  lower(RLIMIT_AS, reader_memory_limit, reader_memory_limit);
  lower(RLIMIT_CPU, reader_cpu_seconds, reader_cpu_seconds + 10); // SIGXCPU, then SIGKILL
}

} // namespace xport::abi
