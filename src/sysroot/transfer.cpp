// Transfers through libcurl (see transfer.hpp): the library loaded on first use, the callbacks
// that keep a transfer within its size cap and deadline, and the errors.
#include "sysroot/transfer.hpp"

#include <cerrno>
#include <cstring>
#include <curl/curl.h>
#include <dlfcn.h>
#include <memory>
#include <type_traits>

#include <fmt/format.h>

#include "sysroot/size_text.hpp"
#include "util/error.hpp"

namespace xport::sysroot {
namespace {

using Clock = std::chrono::steady_clock;

struct CurlLibrary;

// One transfer's state, seen by libcurl's callbacks: where the bytes go (a file, or a string for
// a list) and the two limits it must stay within.
struct Transfer {
  std::FILE* out = nullptr;
  std::string* text = nullptr;
  const DownloadProgress* progress = nullptr;
  const std::string* name = nullptr;
  uint64_t offset = 0; // bytes already there before this transfer
  uint64_t max_bytes = 0;
  Clock::time_point start, deadline;
  CURL* curl = nullptr;
  const CurlLibrary* lib = nullptr;
  uint64_t written = 0;
  bool size_checked = false;
  bool over_limit = false;
  uint64_t announced = 0; // the size the server announced, when that was past the cap
  bool past_deadline = false;
  uint64_t total = 0; // the whole file's size, where the server said
};

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

// A Content-Length past the cap is refused before the first byte is written.
bool announced_too_large(Transfer& t) {
  if (t.size_checked)
    return t.over_limit;
  t.size_checked = true;
  curl_off_t length = -1;
  if (t.lib->easy_getinfo(t.curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length) == CURLE_OK &&
      length >= 0) {
    t.total = t.offset + static_cast<uint64_t>(length);
    if (t.total > t.max_bytes) {
      t.over_limit = true;
      t.announced = t.total;
    }
  }
  return t.over_limit;
}

size_t write_data(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t bytes = size * count;
  if (announced_too_large(*t) || t->offset + t->written + bytes > t->max_bytes) {
    t->over_limit = true;
    return 0; // libcurl stops with CURLE_WRITE_ERROR
  }
  if (t->text) {
    t->text->append(data, bytes);
  } else if (std::fwrite(data, 1, bytes, t->out) != bytes) {
    return 0;
  }
  t->written += bytes;
  return bytes;
}

int report_progress(void* user, curl_off_t total, curl_off_t now, curl_off_t, curl_off_t) {
  auto* t = static_cast<Transfer*>(user);
  if (total > 0 && t->offset + static_cast<uint64_t>(total) > t->max_bytes) {
    t->over_limit = true;
    t->announced = t->offset + static_cast<uint64_t>(total);
    return 1;
  }
  if (Clock::now() >= t->deadline) {
    t->past_deadline = true;
    return 1;
  }
  if (total > 0)
    t->total = t->offset + static_cast<uint64_t>(total);
  if (t->progress && *t->progress)
    (*t->progress)(*t->name, t->offset + static_cast<uint64_t>(now), t->total);
  return 0;
}

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

std::string seconds_text(std::chrono::milliseconds d) {
  return fmt::format("{:.1f} s", static_cast<double>(d.count()) / 1000);
}

} // namespace

Outcome transfer(const std::string& url, Sink sink, uint64_t max_bytes,
                 std::chrono::seconds timeout, const std::string& name,
                 const DownloadProgress* progress) {
  const CurlLibrary& lib = load_curl();
  std::unique_ptr<CURL, void (*)(CURL*)> curl(lib.easy_init(), lib.easy_cleanup);
  if (!curl)
    throw Error("cannot start a download of {}: curl_easy_init failed", url);
  CURL* c = curl.get();
  Transfer t;
  t.out = sink.file;
  t.text = sink.text;
  t.progress = progress;
  t.name = &name;
  t.offset = sink.offset;
  t.max_bytes = max_bytes;
  t.start = Clock::now();
  t.deadline = t.start + timeout;
  t.curl = c;
  t.lib = &lib;
  char message[CURL_ERROR_SIZE] = "";
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
  // resume. The deadline (report_progress) bounds a slow one that never stalls.
  lib.easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1024L);
  lib.easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 60L);
  if (sink.offset > 0)
    lib.easy_setopt(c, CURLOPT_RESUME_FROM_LARGE, static_cast<curl_off_t>(sink.offset));
  Outcome o;
  CURLcode code = lib.easy_perform(c);
  o.code = code;
  o.took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t.start);
  lib.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &o.status);
  curl_off_t got = 0;
  lib.easy_getinfo(c, CURLINFO_SIZE_DOWNLOAD_T, &got);
  o.bytes = static_cast<uint64_t>(got);
  o.message = message[0] ? message : lib.easy_strerror(code);
  o.over_limit = t.over_limit;
  o.past_deadline = t.past_deadline;
  o.announced = t.announced;
  o.total = t.total;
  o.offset = sink.offset;
  return o;
}

void check_transfer(const Outcome& o, const std::string& url, const std::string& release,
                    uint64_t max_bytes, std::chrono::seconds timeout, bool is_list, bool kept) {
  if (o.ok())
    return;
  if (o.over_limit) {
    std::string how = o.announced > 0
                          ? fmt::format("the server announced {}", human_size(o.announced))
                          : fmt::format("stopped after {}", human_size(o.offset + o.bytes));
    if (is_list)
      throw Error("{}: larger than {}, the most a checksum list may be ({}): that is not a "
                  "checksum list; nothing was kept (try another mirror with --mirror)",
                  url, human_size(max_bytes), how);
    throw Error("{}: larger than {}, the most a download may be ({}); nothing was kept. If the "
                "medium really is that large, raise the limit with --max-download-size SIZE or "
                "the profile's media.max-size",
                url, human_size(max_bytes), how);
  }
  if (o.past_deadline) {
    uint64_t rate = o.took.count() > 0 ? o.bytes * 1000 / static_cast<uint64_t>(o.took.count()) : 0;
    std::string received =
        o.total > 0 ? fmt::format("{} of {}", human_size(o.offset + o.bytes), human_size(o.total))
                    : human_size(o.offset + o.bytes);
    throw Error("{}: not complete after {} s, the deadline for {}: {} received in {} ({}/s){}; "
                "allow more time with --timeout SECONDS or $XPORT_FETCH_TIMEOUT, or try a faster "
                "mirror with --mirror",
                url, timeout.count(), is_list ? "a checksum list" : "a download", received,
                seconds_text(o.took), human_size(rate),
                kept ? "; the partial download is kept and the next fetch resumes it" : "");
  }
  if ((o.code == CURLE_HTTP_RETURNED_ERROR && o.status == 404) ||
      o.code == CURLE_FILE_COULDNT_READ_FILE || o.code == CURLE_REMOTE_FILE_NOT_FOUND)
    throw NotFound("{}: not found (404): the mirror has no such file for release {}; check the "
                   "release (--release) and the mirror (--mirror, or $XPORT_MIRROR_<OS>)",
                   url, release);
  if (o.code == CURLE_HTTP_RETURNED_ERROR)
    throw Error("{}: the server answered HTTP {} (release {}); try again later or another mirror",
                url, o.status, release);
  throw Error("cannot download {} (release {}): {} (curl: {}); run the command again to resume",
              url, release, o.message, load_curl().easy_strerror(static_cast<CURLcode>(o.code)));
}

bool Outcome::ok() const {
  return code == CURLE_OK && !over_limit && !past_deadline;
}

bool Outcome::cannot_resume() const {
  return !over_limit && !past_deadline &&
         (code == CURLE_RANGE_ERROR || (code == CURLE_HTTP_RETURNED_ERROR && status == 416));
}

void Outcome::accept() {
  code = CURLE_OK;
}

} // namespace xport::sysroot
