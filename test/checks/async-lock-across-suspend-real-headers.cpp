// RUN: %check_async_lint %s %t -- -std=c++20

// Guards and mutexes from the real Boost.Thread and Abseil headers, in
// Boost.Asio awaitable coroutines. Abseil's types are recognised through
// its thread-safety attributes as well as by name.

#include <absl/synchronization/mutex.h>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/thread/lock_guard.hpp>
#include <boost/thread/locks.hpp>
#include <boost/thread/mutex.hpp>
#include <boost/thread/shared_mutex.hpp>

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;

boost::mutex registry_mutex;
boost::shared_mutex routes_mutex;
absl::Mutex stats_mutex;
int registry, routes, stats;

awaitable<void> boost_guard(asio::steady_timer &timer) {
  boost::lock_guard<boost::mutex> guard(registry_mutex);
  co_await timer.async_wait(use_awaitable);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await timer.async_wait(use_awaitable)' suspends coroutine 'boost_guard' while 'guard' holds 'registry_mutex' (boost::mutex){{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:35: note: 'guard' acquires 'registry_mutex' here
}

awaitable<void> boost_scoped_lock(asio::steady_timer &timer) {
  boost::mutex::scoped_lock lock(registry_mutex);
  ++registry;
  co_await timer.async_wait(use_awaitable);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await timer.async_wait(use_awaitable)' suspends coroutine 'boost_scoped_lock' while 'lock' holds 'registry_mutex' (boost::mutex){{.*}}
  // CHECK-NOTES: :[[@LINE-4]]:29: note: 'lock' acquires 'registry_mutex' here
}

awaitable<int> boost_shared(asio::steady_timer &timer) {
  boost::shared_lock<boost::shared_mutex> read(routes_mutex);
  co_await timer.async_wait(use_awaitable);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await timer.async_wait(use_awaitable)' suspends coroutine 'boost_shared' while 'read' holds 'routes_mutex' (boost::shared_mutex){{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:43: note: 'read' acquires 'routes_mutex' here
  co_return routes;
}

awaitable<void> boost_manual(asio::steady_timer &timer) {
  registry_mutex.lock();
  co_await timer.async_wait(use_awaitable);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await timer.async_wait(use_awaitable)' suspends coroutine 'boost_manual' while 'registry_mutex' (boost::mutex) is locked{{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:18: note: 'registry_mutex' is locked here
  registry_mutex.unlock();
}

awaitable<void> absl_guard(asio::steady_timer &timer) {
  absl::MutexLock lock(&stats_mutex);
  co_await timer.async_wait(use_awaitable);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await timer.async_wait(use_awaitable)' suspends coroutine 'absl_guard' while 'lock' holds 'stats_mutex' (absl::Mutex){{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:19: note: 'lock' acquires 'stats_mutex' here
}

awaitable<int> absl_reader(asio::steady_timer &timer) {
  absl::ReaderMutexLock lock(&stats_mutex);
  co_await timer.async_wait(use_awaitable);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await timer.async_wait(use_awaitable)' suspends coroutine 'absl_reader' while 'lock' holds 'stats_mutex' (absl::Mutex){{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:25: note: 'lock' acquires 'stats_mutex' here
  co_return stats;
}

awaitable<void> absl_manual(asio::steady_timer &timer) {
  stats_mutex.Lock();
  co_await timer.async_wait(use_awaitable);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await timer.async_wait(use_awaitable)' suspends coroutine 'absl_manual' while 'stats_mutex' (absl::Mutex) is locked{{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:15: note: 'stats_mutex' is locked here
  stats_mutex.Unlock();
}

// ---- must not warn ----

awaitable<void> boost_unlocked(asio::steady_timer &timer) {
  boost::unique_lock<boost::mutex> lock(registry_mutex);
  ++registry;
  lock.unlock();
  co_await timer.async_wait(use_awaitable);
}

awaitable<void> boost_scoped(asio::steady_timer &timer) {
  {
    boost::lock_guard<boost::mutex> guard(registry_mutex);
    ++registry;
  }
  co_await timer.async_wait(use_awaitable);
}

awaitable<void> boost_deferred(asio::steady_timer &timer) {
  boost::unique_lock<boost::mutex> lock(registry_mutex, boost::defer_lock);
  co_await timer.async_wait(use_awaitable);
  lock.lock();
  ++registry;
}

awaitable<void> absl_scoped(asio::steady_timer &timer) {
  {
    absl::WriterMutexLock lock(&stats_mutex);
    ++stats;
  }
  co_await timer.async_wait(use_awaitable);
}

awaitable<void> absl_released(asio::steady_timer &timer) {
  absl::ReleasableMutexLock lock(&stats_mutex);
  ++stats;
  lock.Release();
  co_await timer.async_wait(use_awaitable);
}

awaitable<void> absl_manual_pair(asio::steady_timer &timer) {
  stats_mutex.ReaderLock();
  int seen = stats;
  stats_mutex.ReaderUnlock();
  co_await timer.async_wait(use_awaitable);
  stats = seen;
}

// Asio's this_coro queries are awaited but never suspend (their awaiter's
// await_ready() returns true).
awaitable<void> asio_queries() {
  boost::lock_guard<boost::mutex> guard(registry_mutex);
  auto executor = co_await asio::this_coro::executor;
  auto state = co_await asio::this_coro::cancellation_state;
  ++registry;
}
