// Running `fn(i)` for every i below `count` on up to `threads` threads (0: one per core), the
// calling thread being one of them. Indices are handed out in blocks by an atomic counter; the
// first exception thrown is rethrown on the calling thread once all threads have stopped.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace xport::util {

template <typename Fn>
void parallel_for(std::size_t count, unsigned threads, Fn&& fn, std::size_t block = 64) {
  if (threads == 0)
    threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, (count + block - 1) / block));
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr failure;
  std::mutex failure_lock;
  auto run = [&] {
    try {
      for (std::size_t start; !failed && (start = next.fetch_add(block)) < count;)
        for (std::size_t i = start; i < std::min(count, start + block); ++i)
          fn(i);
    } catch (...) {
      std::lock_guard lock(failure_lock);
      if (!failure)
        failure = std::current_exception();
      failed = true;
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t)
    pool.emplace_back(run);
  run();
  for (std::thread& t : pool)
    t.join();
  if (failure)
    std::rethrow_exception(failure);
}

} // namespace xport::util
