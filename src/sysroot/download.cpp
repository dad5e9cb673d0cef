// DownloadCache (see download.hpp): libcurl transfers, resumed from partial files, kept by
// checksum. libcurl is loaded (dlopen) by the first download, not linked: its dependencies (TLS,
// Kerberos, LDAP, SSH, IDN ...) took 5 ms, half, of the start of every command of the full
// binary, a twelfth of a sysroot import.
#include "sysroot/download.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <curl/curl.h>
#include <dlfcn.h>
#include <fstream>
#include <memory>
#include <sstream>
#include <type_traits>

#include <fmt/format.h>

#include "util/digest.hpp"
#include "util/error.hpp"

namespace xport::sysroot {
namespace fs = std::filesystem;
namespace {

struct Transfer {
  std::FILE* out = nullptr;
  const DownloadProgress* progress = nullptr;
  const std::string* name = nullptr;
  uint64_t offset = 0; // bytes already there before this transfer
};

size_t write_data(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  return std::fwrite(data, size, count, t->out) * size;
}

int report_progress(void* user, curl_off_t total, curl_off_t now, curl_off_t, curl_off_t) {
  auto* t = static_cast<Transfer*>(user);
  if (t->progress && *t->progress)
    (*t->progress)(*t->name, t->offset + static_cast<uint64_t>(now),
                   total > 0 ? t->offset + static_cast<uint64_t>(total) : 0);
  return 0;
}

// The libcurl functions a transfer calls, from the shared library loaded on first use.
struct CurlLibrary {
  CURLcode (*global_init)(long);
  CURL* (*easy_init)();
  void (*easy_cleanup)(CURL*);
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...);
  CURLcode (*easy_perform)(CURL*);
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...);
  const char* (*easy_strerror)(CURLcode);
};

const CurlLibrary& load_curl() {
  static const CurlLibrary library = [] {
    void* handle = nullptr;
    std::string tried;
    for (const char* name : {"libcurl.so.4", "libcurl-gnutls.so.4", "libcurl-nss.so.4"}) {
      if ((handle = ::dlopen(name, RTLD_NOW | RTLD_LOCAL)))
        break;
      tried += fmt::format("\n  {}", ::dlerror());
    }
    if (!handle)
      throw Error("cannot load libcurl, which xport downloads with:{}\ninstall it (Debian: apt "
                  "install libcurl4), or download the media yourself and run 'xport sysroot "
                  "import'",
                  tried);
    CurlLibrary l{};
    auto find = [&](auto& function, const char* symbol) {
      function =
          reinterpret_cast<std::remove_reference_t<decltype(function)>>(::dlsym(handle, symbol));
      if (!function)
        throw Error("the libcurl loaded has no {}; install libcurl 7.61 or later (Debian: apt "
                    "install libcurl4)",
                    symbol);
    };
    find(l.global_init, "curl_global_init");
    find(l.easy_init, "curl_easy_init");
    find(l.easy_cleanup, "curl_easy_cleanup");
    find(l.easy_setopt, "curl_easy_setopt");
    find(l.easy_perform, "curl_easy_perform");
    find(l.easy_getinfo, "curl_easy_getinfo");
    find(l.easy_strerror, "curl_easy_strerror");
    if (l.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
      throw Error("cannot start libcurl (curl_global_init failed)");
    return l;
  }();
  return library;
}

struct Outcome {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::string message;
  uint64_t bytes = 0;
};

// Fetches `url` into `out` from byte `offset` on.
Outcome transfer(const std::string& url, std::FILE* out, uint64_t offset, const std::string& name,
                 const DownloadProgress* progress) {
  const CurlLibrary& lib = load_curl();
  std::unique_ptr<CURL, void (*)(CURL*)> curl(lib.easy_init(), lib.easy_cleanup);
  if (!curl)
    throw Error("cannot start a download of {}: curl_easy_init failed", url);
  Transfer t{out, progress, &name, offset};
  char message[CURL_ERROR_SIZE] = "";
  CURL* c = curl.get();
  lib.easy_setopt(c, CURLOPT_URL, url.c_str());
  lib.easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  lib.easy_setopt(c, CURLOPT_FAILONERROR, 1L);
  lib.easy_setopt(c, CURLOPT_ERRORBUFFER, message);
  lib.easy_setopt(c, CURLOPT_WRITEFUNCTION, write_data);
  lib.easy_setopt(c, CURLOPT_WRITEDATA, &t);
  lib.easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  lib.easy_setopt(c, CURLOPT_XFERINFOFUNCTION, report_progress);
  lib.easy_setopt(c, CURLOPT_XFERINFODATA, &t);
  lib.easy_setopt(c, CURLOPT_USERAGENT, "xport-sysroot-fetch");
  lib.easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
  // A stalled connection (under 1 KB/s for a minute) fails rather than hanging; run again to
  // resume.
  lib.easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1024L);
  lib.easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 60L);
  if (offset > 0)
    lib.easy_setopt(c, CURLOPT_RESUME_FROM_LARGE, static_cast<curl_off_t>(offset));
  Outcome o;
  o.code = lib.easy_perform(c);
  lib.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &o.status);
  curl_off_t got = 0;
  lib.easy_getinfo(c, CURLINFO_SIZE_DOWNLOAD_T, &got);
  o.bytes = static_cast<uint64_t>(got);
  o.message = message[0] ? message : lib.easy_strerror(o.code);
  return o;
}

// Throws the error a failed transfer of `url` deserves.
void check(const Outcome& o, const std::string& url, const std::string& release) {
  if (o.code == CURLE_OK)
    return;
  if ((o.code == CURLE_HTTP_RETURNED_ERROR && o.status == 404) ||
      o.code == CURLE_FILE_COULDNT_READ_FILE || o.code == CURLE_REMOTE_FILE_NOT_FOUND)
    throw NotFound("{}: not found (404): the mirror has no such file for release {}; check the "
                   "release (--release) and the mirror (--mirror, or $XPORT_MIRROR_<OS>)",
                   url, release);
  if (o.code == CURLE_HTTP_RETURNED_ERROR)
    throw Error("{}: the server answered HTTP {} (release {}); try again later or another mirror",
                url, o.status, release);
  throw Error("cannot download {} (release {}): {} (curl: {}); run the command again to resume",
              url, release, o.message, load_curl().easy_strerror(o.code));
}

std::string url_key(const std::string& url) {
  util::Digest d(util::DigestAlgorithm::sha256);
  d.update(url.data(), url.size());
  return d.hex_digest();
}

void remove_file(const fs::path& path) {
  std::error_code ec;
  fs::remove(path, ec);
}

} // namespace

std::string DownloadCache::list(const std::string& url, const std::string& release,
                                bool& downloaded) {
  fs::path cached = dir_ / "lists" / url_key(url);
  downloaded = false;
  if (!fs::exists(cached)) {
    fs::create_directories(cached.parent_path());
    fs::path part = cached;
    part += ".part";
    std::FILE* out = std::fopen(part.c_str(), "wb");
    if (out == nullptr)
      throw Error("cannot write {}: {}", part.string(), std::strerror(errno));
    Outcome o = transfer(url, out, 0, "checksums", nullptr);
    if (std::fclose(out) != 0 && o.code == CURLE_OK)
      throw Error("cannot write {}: {}", part.string(), std::strerror(errno));
    if (o.code != CURLE_OK)
      remove_file(part);
    check(o, url, release);
    fs::rename(part, cached);
    downloaded = true;
  }
  std::ifstream in(cached, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Downloaded DownloadCache::file(const std::string& url, const std::string& name,
                               const PublishedChecksum& sum, const std::string& release,
                               const DownloadProgress& progress) {
  fs::path final_dir = dir_ / sum.algorithm / sum.hex;
  fs::path final_path = final_dir / name;
  Downloaded result;
  std::error_code ec;
  if (fs::is_regular_file(final_path, ec)) {
    result.path = final_path;
    result.from_cache = true;
    return result;
  }
  fs::path part = dir_ / "partial" / (sum.algorithm + "-" + sum.hex);
  fs::create_directories(part.parent_path());
  uint64_t have = fs::is_regular_file(part, ec) ? fs::file_size(part, ec) : 0;
  std::FILE* out = std::fopen(part.c_str(), have > 0 ? "ab" : "wb");
  if (out == nullptr)
    throw Error("cannot write {}: {}", part.string(), std::strerror(errno));
  result.resumed_from = have;
  Outcome o = transfer(url, out, have, name, &progress);
  if (have > 0 &&
      (o.code == CURLE_RANGE_ERROR || (o.code == CURLE_HTTP_RETURNED_ERROR && o.status == 416))) {
    // The server cannot resume (no Range support), or the partial file is already whole (416):
    // start again from the first byte unless the checksum below accepts what is there.
    std::fclose(out);
    if (o.status == 416 && checksum_file(part, sum.algorithm) == sum.hex) {
      o.code = CURLE_OK;
      out = nullptr;
    } else {
      out = std::fopen(part.c_str(), "wb");
      if (out == nullptr)
        throw Error("cannot write {}: {}", part.string(), std::strerror(errno));
      result.resumed_from = 0;
      o = transfer(url, out, 0, name, &progress);
    }
  }
  // The partial file stays on a failure, for the next run to resume.
  if (out != nullptr && std::fclose(out) != 0 && o.code == CURLE_OK)
    throw Error("cannot write {}: {}", part.string(), std::strerror(errno));
  if (o.code != CURLE_OK && fs::file_size(part, ec) == 0)
    remove_file(part);
  check(o, url, release);
  result.bytes = o.bytes;
  std::string got = checksum_file(part, sum.algorithm);
  if (got != sum.hex) {
    remove_file(part);
    throw Error("{}: checksum mismatch: the published {} is {}, the download's is {}; nothing was "
                "kept or imported (a damaged download or a wrong mirror: try again, or another "
                "mirror)",
                url, sum.algorithm, sum.hex, got);
  }
  fs::create_directories(final_dir);
  fs::rename(part, final_path);
  result.path = final_path;
  return result;
}

} // namespace xport::sysroot
