// RUN: %check_async_lint %s %t -- %cxx20
// RUN: %clang-tidy-plugin -warnings-as-errors='-*' -checks='-*,misc-coroutine-hostile-raii,cppcoreguidelines-no-suspend-with-lock' %s -- %cxx20 2>&1 \
// RUN:   | grep -E ':[0-9]+:[0-9]+: warning: ' | FileCheck --check-prefix=UPSTREAM %s --implicit-check-not='warning:'

// The eight cases async-lock-across-suspend is compared on with upstream's
// misc-coroutine-hostile-raii and cppcoreguidelines-no-suspend-with-lock
// (the second RUN line records what those find, with clang-tidy-19): four
// locks held across a co_await, four that are released first. We find the
// four and none of the others; misc-coroutine-hostile-raii finds one,
// cppcoreguidelines-no-suspend-with-lock two, and reports three of the
// correct coroutines. See docs/checks/async-lock-across-suspend.md.

#include "cppcoro_task.h"

#include <mutex>
#include <shared_mutex>

cppcoro::task<int> fetch();
std::mutex config_mutex;
std::shared_mutex table_mutex;
int config;

// 1. A guard across co_await.
cppcoro::task<> guard_across() {
  std::lock_guard<std::mutex> guard(config_mutex); // UPSTREAM: :[[@LINE]]:31: warning: 'guard' persists across a suspension point of coroutine {{\[}}misc-coroutine-hostile-raii{{\]}}
  config = co_await fetch(); // UPSTREAM: :[[@LINE]]:12: warning: coroutine suspended with lock 'guard' held {{\[}}cppcoreguidelines-no-suspend-with-lock{{\]}}
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'co_await fetch()' suspends coroutine 'guard_across' while 'guard' holds 'config_mutex' (std::mutex){{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:31: note: 'guard' acquires 'config_mutex' here
}

// 2. m.lock() ... co_await ... m.unlock().
cppcoro::task<> manual_across() {
  config_mutex.lock();
  config = co_await fetch();
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'co_await fetch()' suspends coroutine 'manual_across' while 'config_mutex' (std::mutex) is locked{{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:16: note: 'config_mutex' is locked here
  config_mutex.unlock();
}

// 3. A std::shared_lock across co_await.
cppcoro::task<int> shared_across() {
  std::shared_lock<std::shared_mutex> read(table_mutex);
  int value = co_await fetch(); // UPSTREAM: :[[@LINE]]:15: warning: coroutine suspended with lock 'read' held {{\[}}cppcoreguidelines-no-suspend-with-lock{{\]}}
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: 'co_await fetch()' suspends coroutine 'shared_across' while 'read' holds 'table_mutex' (std::shared_mutex){{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:39: note: 'read' acquires 'table_mutex' here
  co_return value + config;
}

// 4. A co_await inside an initializer under a std::scoped_lock.
cppcoro::task<> scoped_initializer() {
  std::scoped_lock lock(config_mutex);
  int fresh = co_await fetch();
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: 'co_await fetch()' suspends coroutine 'scoped_initializer' while 'lock' holds 'config_mutex' (std::mutex){{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:20: note: 'lock' acquires 'config_mutex' here
  config = fresh;
}

// 5. A guard in an inner scope that ends before the co_await.
cppcoro::task<> inner_scope() {
  int copy;
  {
    std::lock_guard<std::mutex> guard(config_mutex);
    copy = config;
  }
  config = copy + co_await fetch();
}

// 6. unique_lock::unlock() before the co_await.
cppcoro::task<> unlock_first() {
  std::unique_lock<std::mutex> lock(config_mutex);
  int copy = config;
  lock.unlock();
  config = copy + co_await fetch(); // UPSTREAM: :[[@LINE]]:19: warning: coroutine suspended with lock 'lock' held {{\[}}cppcoreguidelines-no-suspend-with-lock{{\]}}
}

// 7. std::defer_lock, locked only after the co_await.
cppcoro::task<> defer_then_lock() {
  std::unique_lock<std::mutex> lock(config_mutex, std::defer_lock);
  int fresh = co_await fetch(); // UPSTREAM: :[[@LINE]]:15: warning: coroutine suspended with lock 'lock' held {{\[}}cppcoreguidelines-no-suspend-with-lock{{\]}}
  lock.lock();
  config = fresh;
}

// 8. unlock() on the branch that suspends.
cppcoro::task<> unlock_on_branch(bool refresh) {
  std::unique_lock<std::mutex> lock(config_mutex);
  if (refresh) {
    lock.unlock();
    config = co_await fetch(); // UPSTREAM: :[[@LINE]]:14: warning: coroutine suspended with lock 'lock' held {{\[}}cppcoreguidelines-no-suspend-with-lock{{\]}}
    co_return;
  }
  ++config;
}
