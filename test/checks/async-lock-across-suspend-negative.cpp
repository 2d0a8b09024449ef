// RUN: %check_async_lint %s %t -- %cxx20

// async-lock-across-suspend must not warn: locks released on every path
// before the suspension, awaitable mutexes, locks in lambdas that run
// elsewhere, awaiters that never suspend, code outside coroutines.

#include "async_simple_mutex.h"
#include "cppcoro_async_mutex.h"
#include "cppcoro_task.h"
#include "folly_coro_mutex.h"

#include <condition_variable>
#include <coroutine>
#include <memory>
#include <mutex>
#include <pthread.h>
#include <shared_mutex>
#include <thread>
#include <utility>

cppcoro::task<int> fetch();
cppcoro::task<> flush();
bool keep_going();
void consume(std::unique_lock<std::mutex> lock);
void may_throw();

std::mutex config_mutex;
std::shared_mutex table_mutex;
std::condition_variable config_changed;
int config;

// ---- the four fine cases ----

cppcoro::task<> inner_scope() {
  int copy;
  {
    std::lock_guard<std::mutex> guard(config_mutex);
    copy = config;
  }
  config = copy + co_await fetch();
}

cppcoro::task<> unlocked_first() {
  std::unique_lock<std::mutex> lock(config_mutex);
  int copy = config;
  lock.unlock();
  config = copy + co_await fetch();
}

cppcoro::task<> deferred() {
  std::unique_lock<std::mutex> lock(config_mutex, std::defer_lock);
  int fresh = co_await fetch();
  lock.lock();
  config = fresh;
}

cppcoro::task<> branch(bool refresh) {
  std::unique_lock<std::mutex> lock(config_mutex);
  if (refresh) {
    lock.unlock();
    config = co_await fetch();
    co_return;
  }
  ++config;
}

// ---- released on every path ----

cppcoro::task<> manual_pairs(bool twice) {
  config_mutex.lock();
  ++config;
  config_mutex.unlock();
  co_await flush();
  if (twice) {
    config_mutex.lock();
    ++config;
    config_mutex.unlock();
  }
  co_await flush();
}

cppcoro::task<> both_branches_unlock(bool fast) {
  std::unique_lock<std::mutex> lock(config_mutex);
  if (fast)
    lock.unlock();
  else {
    ++config;
    lock.unlock();
  }
  co_await flush();
}

// The guard lives in the loop body; break and continue run its destructor.
cppcoro::task<> guard_per_iteration() {
  for (int i = 0; i < 10; ++i) {
    std::lock_guard<std::mutex> guard(config_mutex);
    if (config == i)
      break;
    if (config > i)
      continue;
    ++config;
  }
  co_await flush();
  while (keep_going()) {
    {
      std::scoped_lock lock(config_mutex);
      ++config;
    }
    co_await flush();
  }
}

cppcoro::task<> goto_out_of_scope() {
  {
    std::lock_guard<std::mutex> guard(config_mutex);
    if (config == 0)
      goto done;
    ++config;
  }
done:
  co_await flush();
}

// An early co_return leaves before any suspension.
cppcoro::task<> early_return(bool stop) {
  std::lock_guard<std::mutex> guard(config_mutex);
  if (stop)
    co_return;
  ++config;
}

// The lock is handed to a function (ownership leaves this frame).
cppcoro::task<> handed_over() {
  std::unique_lock<std::mutex> lock(config_mutex);
  consume(std::move(lock));
  co_await flush();
}

// Released from its guard, then unlocked by hand.
cppcoro::task<> released_then_unlocked() {
  std::unique_lock<std::mutex> lock(config_mutex);
  lock.release();
  config_mutex.unlock();
  co_await flush();
}

// Moved into an inner scope's guard, which ends before the co_await.
cppcoro::task<> moved_into_inner() {
  std::unique_lock<std::mutex> outer(config_mutex);
  {
    std::unique_lock<std::mutex> inner = std::move(outer);
    ++config;
  }
  co_await flush();
}

// Waiting on a condition variable, then unlocking.
cppcoro::task<> waited() {
  std::unique_lock<std::mutex> lock(config_mutex);
  config_changed.wait(lock, [] { return config > 0; });
  int seen = config;
  lock.unlock();
  config = seen + co_await fetch();
}

// ---- try-locks that failed ----

cppcoro::task<> try_failed() {
  std::unique_lock<std::mutex> lock(config_mutex, std::try_to_lock);
  if (!lock) {
    co_await flush();
    co_return;
  }
  ++config;
}

cppcoro::task<> try_manually_failed() {
  if (!config_mutex.try_lock()) {
    co_await flush();
    co_return;
  }
  ++config;
  config_mutex.unlock();
  co_await flush();
}

pthread_mutex_t legacy_mutex = PTHREAD_MUTEX_INITIALIZER;

cppcoro::task<> posix_try() {
  if (pthread_mutex_trylock(&legacy_mutex) != 0) {
    co_await flush();
    co_return;
  }
  ++config;
  pthread_mutex_unlock(&legacy_mutex);
  co_await flush();
}

// ---- awaiters that never suspend ----

cppcoro::task<> never_suspends() {
  std::lock_guard<std::mutex> guard(config_mutex);
  co_await std::suspend_never{};
}

// ---- a default-constructed guard holds nothing ----

cppcoro::task<> empty_guard() {
  std::unique_lock<std::mutex> lock;
  co_await flush();
  lock = std::unique_lock<std::mutex>(config_mutex);
  ++config;
}

// ---- exceptions are not paths ----

cppcoro::task<> exception_path() {
  try {
    std::lock_guard<std::mutex> guard(config_mutex);
    may_throw();
  } catch (...) {
    ++config;
  }
  co_await flush();
}

// ---- lambdas: their bodies run when and where they are called ----

cppcoro::task<> lambdas() {
  auto bump = [] {
    std::lock_guard<std::mutex> guard(config_mutex);
    ++config;
  };
  bump();
  std::thread worker([] {
    std::lock_guard<std::mutex> guard(config_mutex);
    ++config;
  });
  co_await flush();
  worker.join();
}

// A lock held by the outer coroutine; the inner coroutine lambda's
// co_await suspends the lambda's own frame, and the lambda is only created
// here.
cppcoro::task<> inner_coroutine() {
  std::lock_guard<std::mutex> guard(config_mutex);
  auto later = []() -> cppcoro::task<> { co_await flush(); };
  ++config;
}

// ---- awaitable mutexes: the lock operation itself is awaited ----

cppcoro::async_mutex cppcoro_mutex;

cppcoro::task<> cppcoro_manual() {
  co_await cppcoro_mutex.lock_async();
  co_await flush();
  cppcoro_mutex.unlock();
}

cppcoro::task<> cppcoro_scoped() {
  auto lock = co_await cppcoro_mutex.scoped_lock_async();
  co_await flush();
}

cppcoro::task<> cppcoro_adopted() {
  co_await cppcoro_mutex.lock_async();
  cppcoro::async_mutex_lock lock(cppcoro_mutex, std::adopt_lock);
  co_await flush();
}

cppcoro::task<> cppcoro_try() {
  if (cppcoro_mutex.try_lock()) {
    co_await flush();
    cppcoro_mutex.unlock();
  }
}

folly::coro::Mutex folly_mutex;
folly::coro::SharedMutex folly_shared;

folly::coro::Task<void> folly_scoped() {
  std::unique_lock<folly::coro::Mutex> lock = co_await folly_mutex.co_scoped_lock();
  co_await flush();
  lock.unlock();
  co_await flush();
}

folly::coro::Task<void> folly_manual() {
  co_await folly_mutex.co_lock();
  std::unique_lock<folly::coro::Mutex> lock(folly_mutex, std::adopt_lock);
  co_await flush();
}

folly::coro::Task<void> folly_shared_lock() {
  auto lock = co_await folly_shared.co_scoped_lock_shared();
  co_await flush();
}

async_simple::coro::Mutex simple_mutex;

async_simple::coro::Lazy<void> simple_manual() {
  co_await simple_mutex.coLock();
  co_await flush();
  simple_mutex.unlock();
}

async_simple::coro::Lazy<void> simple_scoped() {
  auto holder = co_await simple_mutex.coScopedLock();
  co_await flush();
}

// ---- things named lock() that are no mutex ----

cppcoro::task<> weak_pointer(std::weak_ptr<int> weak) {
  if (std::shared_ptr<int> strong = weak.lock())
    config = *strong;
  co_await flush();
}

// ---- code outside coroutines ----

void plain_function() {
  std::lock_guard<std::mutex> guard(config_mutex);
  ++config;
}

// A coroutine template that is never instantiated.
template <typename Mutex> cppcoro::task<> never_instantiated(Mutex &mutex) {
  std::lock_guard<Mutex> guard(mutex);
  co_await flush();
}

// ---- a guard handed to the suspending operation ----

// An asynchronous condition variable in the shape of those that take the
// caller's lock, release it while the coroutine waits and take it again
// before resuming it.
struct async_condition {
  struct wait_operation {
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<>) noexcept;
    void await_resume() noexcept {}
  };
  wait_operation wait(std::unique_lock<std::mutex> &lock);
};
async_condition config_ready;

cppcoro::task<> condition_wait() {
  std::unique_lock<std::mutex> lock(config_mutex);
  while (config == 0)
    co_await config_ready.wait(lock);
  ++config;
}
