// RUN: %check_async_lint %s %t -- %cxx20

// A thread lock held while a coroutine suspends, followed along each path of
// the coroutine's control-flow graph. The first four coroutines and the four
// at the start of "must not warn" are the cases upstream's
// cppcoreguidelines-no-suspend-with-lock and misc-coroutine-hostile-raii are
// compared on (docs/checks/async-lock-across-suspend.md).

#include "cppcoro_task.h"

#include <mutex>
#include <pthread.h>
#include <shared_mutex>
#include <string>
#include <utility>

cppcoro::task<int> fetch();
cppcoro::task<> flush();
cppcoro::task<std::mutex *> pick_mutex();
bool keep_going();

std::mutex config_mutex;
std::shared_mutex table_mutex;
int config;

// ---- the four bad cases ----

cppcoro::task<> update() {
  std::lock_guard<std::mutex> guard(config_mutex);
  config = co_await fetch();
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'co_await fetch()' suspends coroutine 'update' while 'guard' holds 'config_mutex' (std::mutex); other threads that lock it block until the coroutine resumes, and it may resume on a thread that does not own the lock; release the lock before suspending or use an awaitable mutex [async-lock-across-suspend]
  // CHECK-NOTES: :[[@LINE-3]]:31: note: 'guard' acquires 'config_mutex' here
}

cppcoro::task<> manual() {
  config_mutex.lock();
  config = co_await fetch();
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'co_await fetch()' suspends coroutine 'manual' while 'config_mutex' (std::mutex) is locked{{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:16: note: 'config_mutex' is locked here
  config_mutex.unlock();
}

cppcoro::task<int> reader() {
  std::shared_lock<std::shared_mutex> read(table_mutex);
  int value = co_await fetch();
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: 'co_await fetch()' suspends coroutine 'reader' while 'read' holds 'table_mutex' (std::shared_mutex){{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:39: note: 'read' acquires 'table_mutex' here
  co_return value + config;
}

cppcoro::task<> initializer() {
  std::scoped_lock lock(config_mutex);
  int fresh = co_await fetch();
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: 'co_await fetch()' suspends coroutine 'initializer' while 'lock' holds 'config_mutex' (std::mutex){{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:20: note: 'lock' acquires 'config_mutex' here
  config = fresh;
}

// ---- loops, jumps and branches ----

// The back edge brings the lock, taken at the end of one iteration, to the
// co_await at the start of the next.
cppcoro::task<> loop_back_edge() {
  std::unique_lock<std::mutex> lock(config_mutex, std::defer_lock);
  while (keep_going()) {
    config += co_await fetch();
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: 'co_await fetch()' suspends coroutine 'loop_back_edge' while 'lock' holds 'config_mutex' (std::mutex){{.*}}
  // CHECK-NOTES: :[[@LINE+1]]:10: note: 'lock' acquires 'config_mutex' here
    lock.lock();
  }
}

cppcoro::task<> goto_back() {
  int rounds = 0;
again:
  co_await flush();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await flush()' suspends coroutine 'goto_back' while 'config_mutex' (std::mutex) is locked{{.*}}
  // CHECK-NOTES: :[[@LINE+1]]:16: note: 'config_mutex' is locked here
  config_mutex.lock();
  if (++rounds < 3)
    goto again;
  config_mutex.unlock();
}

// `break` leaves the loop, not the guard's scope.
cppcoro::task<> break_keeps_outer_guard() {
  std::lock_guard<std::mutex> guard(config_mutex);
  for (int i = 0; i < 3; ++i)
    if (config > i)
      break;
  co_await flush();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await flush()' suspends coroutine 'break_keeps_outer_guard' while 'guard' holds 'config_mutex' (std::mutex){{.*}}
  // CHECK-NOTES: :[[@LINE-6]]:31: note: 'guard' acquires 'config_mutex' here
}

// Locked on one branch only: held on the path that takes it.
cppcoro::task<> one_branch(bool exclusive) {
  if (exclusive)
    config_mutex.lock();
  co_await flush();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await flush()' suspends coroutine 'one_branch' while 'config_mutex' (std::mutex) is locked{{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:18: note: 'config_mutex' is locked here
  if (exclusive)
    config_mutex.unlock();
}

// Wherever the co_await sits: conditions, loop headers, co_return, switch.
cppcoro::task<int> in_condition() {
  std::lock_guard<std::mutex> guard(config_mutex);
  if (co_await fetch() > 0)
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'co_await fetch()' suspends coroutine 'in_condition' while 'guard' holds 'config_mutex' (std::mutex){{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:31: note: 'guard' acquires 'config_mutex' here
    co_return 1;
  while (co_await fetch() < 10)
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: 'co_await fetch()' suspends coroutine 'in_condition' while 'guard' holds 'config_mutex' (std::mutex){{.*}}
  // CHECK-NOTES: :[[@LINE-7]]:31: note: 'guard' acquires 'config_mutex' here
    ++config;
  switch (config) {
  case 1:
    co_await flush();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_await flush()' suspends coroutine 'in_condition' while 'guard' holds 'config_mutex' (std::mutex){{.*}}
  // CHECK-NOTES: :[[@LINE-13]]:31: note: 'guard' acquires 'config_mutex' here
    break;
  default:
    break;
  }
  co_return co_await fetch();
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: 'co_await fetch()' suspends coroutine 'in_condition' while 'guard' holds 'config_mutex' (std::mutex){{.*}}
  // CHECK-NOTES: :[[@LINE-20]]:31: note: 'guard' acquires 'config_mutex' here
}

// co_yield suspends too.
cppcoro::generator<int> numbers() {
  std::lock_guard<std::mutex> guard(config_mutex);
  for (int i = 0; i < config; ++i)
    co_yield i;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_yield i' suspends coroutine 'numbers' while 'guard' holds 'config_mutex' (std::mutex){{.*}}
  // CHECK-NOTES: :[[@LINE-4]]:31: note: 'guard' acquires 'config_mutex' here
}

// A try-lock that succeeded.
cppcoro::task<> tried() {
  std::unique_lock<std::mutex> lock(config_mutex, std::try_to_lock);
  if (!lock.owns_lock())
    co_return;
  co_await flush();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await flush()' suspends coroutine 'tried' while 'lock' holds 'config_mutex' (std::mutex){{.*}}
  // CHECK-NOTES: :[[@LINE-5]]:32: note: 'lock' acquires 'config_mutex' here
}

cppcoro::task<> tried_manually() {
  if (config_mutex.try_lock()) {
    co_await flush();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_await flush()' suspends coroutine 'tried_manually' while 'config_mutex' (std::mutex) is locked{{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:20: note: 'config_mutex' is locked here
    config_mutex.unlock();
  }
}

// The co_await in the guard's own initializer runs before the lock is
// taken; the next one does not.
cppcoro::task<> own_initializer() {
  std::unique_lock<std::mutex> lock(*co_await pick_mutex());
  co_await flush();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await flush()' suspends coroutine 'own_initializer' while 'lock' holds a 'std::mutex'{{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:32: note: 'lock' acquires the 'std::mutex' here
}

// ---- ownership moves with the guard ----

cppcoro::task<> moved_guard() {
  std::unique_lock<std::mutex> first(config_mutex);
  std::unique_lock<std::mutex> second = std::move(first);
  co_await flush();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await flush()' suspends coroutine 'moved_guard' while 'second' holds 'config_mutex' (std::mutex){{.*}}
  // CHECK-NOTES: :[[@LINE-4]]:32: note: 'config_mutex' is locked here
}

cppcoro::task<> move_assigned() {
  std::unique_lock<std::mutex> target;
  std::unique_lock<std::mutex> source(config_mutex);
  target = std::move(source);
  co_await flush();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await flush()' suspends coroutine 'move_assigned' while 'target' holds 'config_mutex' (std::mutex){{.*}}
  // CHECK-NOTES: :[[@LINE-4]]:32: note: 'config_mutex' is locked here
}

// adopt_lock: the guard takes over a lock taken by hand; the note points at
// where it was taken.
cppcoro::task<> adopted() {
  config_mutex.lock();
  std::lock_guard<std::mutex> guard(config_mutex, std::adopt_lock);
  co_await flush();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await flush()' suspends coroutine 'adopted' while 'guard' holds 'config_mutex' (std::mutex){{.*}}
  // CHECK-NOTES: :[[@LINE-4]]:16: note: 'config_mutex' is locked here
}

// release() leaves the mutex locked, now by hand.
cppcoro::task<> released_guard() {
  std::unique_lock<std::mutex> lock(config_mutex);
  std::mutex *raw = lock.release();
  co_await flush();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await flush()' suspends coroutine 'released_guard' while 'config_mutex' (std::mutex) is locked{{.*}}
  // CHECK-NOTES: :[[@LINE-4]]:32: note: 'config_mutex' is locked here
  raw->unlock();
}

// ---- several locks, members, pthreads ----

std::mutex stats_mutex;
int stats;

cppcoro::task<> two_guards() {
  std::lock_guard<std::mutex> config_guard(config_mutex);
  std::lock_guard<std::mutex> stats_guard(stats_mutex);
  co_await flush();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await flush()' suspends coroutine 'two_guards' while 'config_guard' holds 'config_mutex' (std::mutex){{.*}}
  // CHECK-NOTES: :[[@LINE-4]]:31: note: 'config_guard' acquires 'config_mutex' here
  // CHECK-NOTES: :[[@LINE-4]]:31: note: 'stats_guard' acquires 'stats_mutex' here
}

cppcoro::task<> both_at_once() {
  std::scoped_lock both(config_mutex, stats_mutex);
  co_await flush();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await flush()' suspends coroutine 'both_at_once' while 'both' holds 'config_mutex' (std::mutex) and 'stats_mutex' (std::mutex){{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:20: note: 'both' acquires 'config_mutex' and 'stats_mutex' here
}

cppcoro::task<> std_lock() {
  std::lock(config_mutex, stats_mutex);
  co_await flush();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await flush()' suspends coroutine 'std_lock' while 'config_mutex' (std::mutex) is locked{{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'config_mutex' is locked here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'stats_mutex' is locked here
  config_mutex.unlock();
  stats_mutex.unlock();
}

pthread_mutex_t legacy_mutex = PTHREAD_MUTEX_INITIALIZER;

cppcoro::task<> posix() {
  pthread_mutex_lock(&legacy_mutex);
  co_await flush();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await flush()' suspends coroutine 'posix' while 'legacy_mutex' (pthread_mutex_t) is locked{{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'legacy_mutex' is locked here
  pthread_mutex_unlock(&legacy_mutex);
}

class SessionCache {
public:
  cppcoro::task<std::string> lookup(std::string key) {
    std::lock_guard<std::mutex> guard(mutex_);
    int version = co_await fetch();
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: 'co_await fetch()' suspends coroutine 'SessionCache::lookup' while 'guard' holds 'mutex_' (std::mutex){{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:33: note: 'guard' acquires 'mutex_' here
    co_return key + std::to_string(version);
  }

  cppcoro::task<> refresh() {
    this->mutex_.lock();
    co_await flush();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_await flush()' suspends coroutine 'SessionCache::refresh' while 'this->mutex_' (std::mutex) is locked{{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:18: note: 'this->mutex_' is locked here
    mutex_.unlock();
  }

  // A guard kept in a member of the class.
  cppcoro::task<> hold_member_guard() {
    held_.lock();
    co_await flush();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_await flush()' suspends coroutine 'SessionCache::hold_member_guard' while 'held_' (std::unique_lock<std::mutex>) holds a lock{{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:11: note: 'held_' is locked here
    held_.unlock();
  }

private:
  std::mutex mutex_;
  std::mutex other_;
  std::unique_lock<std::mutex> held_{other_, std::defer_lock};
};

// ---- lambdas and templates ----

auto make_handler() {
  return [](int delta) -> cppcoro::task<> {
    std::lock_guard<std::mutex> guard(config_mutex);
    config += delta;
    co_await flush();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_await flush()' suspends a coroutine lambda while 'guard' holds 'config_mutex' (std::mutex){{.*}}
  // CHECK-NOTES: :[[@LINE-4]]:33: note: 'guard' acquires 'config_mutex' here
  };
}

template <typename Mutex> cppcoro::task<> generic(Mutex &mutex) {
  std::lock_guard<Mutex> guard(mutex);
  co_await flush();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await flush()' suspends coroutine 'generic' while 'guard' holds 'mutex' (std::mutex){{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:26: note: 'guard' acquires 'mutex' here
}
template cppcoro::task<> generic(std::mutex &);
template cppcoro::task<> generic(std::recursive_mutex &);

// ---- user mutexes: BasicLockable, and Clang's thread-safety attributes ----

class SpinLock {
public:
  void lock();
  void unlock();
};
SpinLock spin;

cppcoro::task<> spinning() {
  std::lock_guard<SpinLock> guard(spin);
  co_await flush();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await flush()' suspends coroutine 'spinning' while 'guard' holds 'spin' (SpinLock){{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:29: note: 'guard' acquires 'spin' here
}

class __attribute__((capability("mutex"))) AnnotatedMutex {
public:
  void Acquire() __attribute__((acquire_capability()));
  void Release() __attribute__((release_capability()));
};

class __attribute__((scoped_lockable)) AnnotatedLock {
public:
  explicit AnnotatedLock(AnnotatedMutex *mutex)
      __attribute__((acquire_capability(mutex)));
  ~AnnotatedLock() __attribute__((release_capability()));
};

AnnotatedMutex annotated;

cppcoro::task<> annotated_guard() {
  AnnotatedLock lock(&annotated);
  co_await flush();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await flush()' suspends coroutine 'annotated_guard' while 'lock' holds 'annotated' (AnnotatedMutex){{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:17: note: 'lock' acquires 'annotated' here
}

cppcoro::task<> annotated_manual() {
  annotated.Acquire();
  co_await flush();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await flush()' suspends coroutine 'annotated_manual' while 'annotated' (AnnotatedMutex) is locked{{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:13: note: 'annotated' is locked here
  annotated.Release();
}
