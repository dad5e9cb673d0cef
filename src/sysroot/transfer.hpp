// One download through libcurl, for DownloadCache (download.hpp): into a file from a given byte
// (a resumed download) or into a string (a checksum list), stopped when it passes its size cap
// or its deadline, and the error each way a transfer fails deserves. libcurl is loaded (dlopen)
// by the first transfer, not linked: its dependencies (TLS, Kerberos, LDAP, SSH, IDN ...) took
// 5 ms, half, of the start of every command of the full binary, a twelfth of a sysroot import.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

#include "sysroot/download.hpp"

namespace xport::sysroot {

// Where a transfer's bytes go: an open file from byte `offset` on, or a string.
struct Sink {
  std::FILE* file = nullptr;
  std::string* text = nullptr;
  uint64_t offset = 0;
};

struct Outcome {
  int code = 0;    // libcurl's CURLcode
  long status = 0; // the HTTP status
  std::string message;
  uint64_t bytes = 0; // received by this transfer
  bool over_limit = false, past_deadline = false;
  uint64_t announced = 0; // the size the server announced, when that was past the cap
  uint64_t total = 0;     // the whole file's size, where the server said
  uint64_t offset = 0;
  std::chrono::milliseconds took{0};

  bool ok() const; // complete, within both limits
  // The server cannot resume (no Range support), or the partial file is already whole (416).
  bool cannot_resume() const;
  void accept(); // ok() from now on: what the partial file holds was checked otherwise
};

// Fetches `url` into `sink`, within `max_bytes` (of the whole file, `sink.offset` included: a
// Content-Length past it is refused before a byte is written) and `timeout`. `name` and
// `progress` report the bytes so far.
Outcome transfer(const std::string& url, Sink sink, uint64_t max_bytes,
                 std::chrono::seconds timeout, const std::string& name,
                 const DownloadProgress* progress);

// Throws the error a transfer of `url` that is not ok() deserves: past the cap (naming it and how
// to raise it), past the deadline (what came in how long; `kept`: the partial file stays for the
// next fetch), a NotFound for a 404 (naming `release`), another HTTP status, or curl's error.
// `is_list` says whether it was a checksum list or a medium.
void check_transfer(const Outcome& outcome, const std::string& url, const std::string& release,
                    uint64_t max_bytes, std::chrono::seconds timeout, bool is_list, bool kept);

} // namespace xport::sysroot
