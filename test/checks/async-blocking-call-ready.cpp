// RUN: %check_async_lint %s %t -- %cxx20

// get() and wait() on a future or result that is ready by then cannot block:
// tested ready on every path to the call (an if, an assert, an early return
// on not-ready), waited for already, or an element of what an awaited
// when_all returned. The same calls without such a test still block.

#include "concurrencpp_result.h"
#include "cppcoro_task.h"

#include <cassert>
#include <chrono>
#include <future>
#include <thread>
#include <tuple>
#include <vector>

using namespace std::chrono_literals;

// ---- ready by construction: silent

cppcoro::task<int> checked_first(std::future<int> f) {
  if (f.wait_for(0s) == std::future_status::ready)
    co_return f.get();
  co_return -1;
}

cppcoro::task<int> early_return(std::future<int> f) {
  if (f.wait_for(0s) != std::future_status::ready)
    co_return -1;
  int value = f.get();
  co_return value;
}

cppcoro::task<int> early_return_on_timeout(std::shared_future<int> f) {
  if (f.wait_for(std::chrono::seconds(0)) == std::future_status::timeout)
    co_return 0;
  co_return f.get();
}

cppcoro::task<int> asserted(std::future<int> f) {
  assert(f.wait_for(0s) == std::future_status::ready);
  co_return f.get();
}

cppcoro::task<int> both_checked(std::future<int> a, std::future<int> b) {
  if (a.valid() && a.wait_for(0s) == std::future_status::ready &&
      b.wait_for(0s) == std::future_status::ready)
    co_return a.get() + b.get();
  co_return 0;
}

// Plain helpers that check readiness themselves are not blocking either.
int value_if_ready(std::future<int> &f) {
  if (f.wait_for(0s) != std::future_status::ready)
    return -1;
  return f.get();
}

cppcoro::task<int> through_helper(std::future<int> f) {
  co_return value_if_ready(f);
}

// A result whose status says it holds a value; the elements of what an
// awaited when_all returned.
cppcoro::task<int> status_checked(concurrencpp::result<int> r) {
  if (r.status() != concurrencpp::result_status::value)
    co_return 0;
  co_return r.get();
}

cppcoro::task<std::vector<concurrencpp::result<int>>>
when_all(std::vector<concurrencpp::result<int>> results);
cppcoro::task<std::tuple<std::future<int>, std::future<int>>>
when_all(std::future<int> a, std::future<int> b);

cppcoro::task<int> after_when_all(std::vector<concurrencpp::result<int>> pending,
                                  std::future<int> a, std::future<int> b) {
  auto done = co_await when_all(std::move(pending));
  int sum = done[0].get();
  auto [x, y] = co_await when_all(std::move(a), std::move(b));
  co_return sum + x.get() + y.get();
}

// Waited for already: the get() after the wait() returns at once.
cppcoro::task<int> waited(std::future<int> f) {
  f.wait();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'std::future::wait' blocks the thread inside coroutine 'waited'; {{.*}}
  co_return f.get();
}

// ---- the blocking twins: still reported

cppcoro::task<int> status_unchecked(concurrencpp::result<int> r) {
  if (r.status() == concurrencpp::result_status::idle)
    co_return r.get();
  // CHECK-NOTES: :[[@LINE-1]]:17: warning: 'concurrencpp::result::get' blocks the thread inside coroutine 'status_unchecked' until {{.*}}
  co_return 0;
}

cppcoro::task<int> unchecked(std::future<int> f) {
  co_return f.get();
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: 'std::future::get' blocks the thread inside coroutine 'unchecked'; {{.*}} (category: wait) [async-blocking-call]
}

// Checked on one path only.
cppcoro::task<int> one_path(std::future<int> f, bool fast) {
  if (fast && f.wait_for(0s) != std::future_status::ready)
    co_return -1;
  co_return f.get();
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: 'std::future::get' blocks the thread inside coroutine 'one_path'; {{.*}} (category: wait) [async-blocking-call]
}

// A different object was checked.
cppcoro::task<int> other_object(std::future<int> a, std::future<int> b) {
  if (a.wait_for(0s) == std::future_status::ready)
    co_return b.get();
  // CHECK-NOTES: :[[@LINE-1]]:17: warning: 'std::future::get' blocks the thread inside coroutine 'other_object'; {{.*}} (category: wait) [async-blocking-call]
  co_return 0;
}

// The result of wait_for is ignored.
cppcoro::task<int> ignored_status(std::future<int> f) {
  f.wait_for(0s);
  co_return f.get();
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: 'std::future::get' blocks the thread inside coroutine 'ignored_status'; {{.*}} (category: wait) [async-blocking-call]
}

// Reassigned after the test: a different future.
cppcoro::task<int> reassigned(std::future<int> f, std::future<int> g) {
  if (f.wait_for(0s) != std::future_status::ready)
    co_return -1;
  f = std::move(g);
  co_return f.get();
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: 'std::future::get' blocks the thread inside coroutine 'reassigned'; {{.*}} (category: wait) [async-blocking-call]
}

int value_unchecked(std::future<int> &f) { return f.get(); }

cppcoro::task<int> through_blocking_helper(std::future<int> f) {
  co_return value_unchecked(f);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: 'value_unchecked' blocks the thread inside coroutine 'through_blocking_helper'; {{.*}}
  // CHECK-NOTES: :[[@LINE-5]]:53: note: 'value_unchecked' calls 'std::future::get', which blocks{{.*}}
}

// ---- a helper that waits only for its parameter, given a ready object:
// silent

int take(std::future<int> &f) { return f.get(); }
int take_value(std::future<int> f) { return f.get(); }
int take_result(concurrencpp::result<int> &r) {
  r.wait();
  return r.get();
}
int take_both(std::future<int> &a, std::future<int> &b) {
  return a.get() + b.get();
}

struct Reader {
  int take(std::shared_future<int> &f) const { return f.get(); }
};

cppcoro::task<int> helper_after_check(std::future<int> f) {
  if (f.wait_for(0s) == std::future_status::ready)
    co_return take(f);
  co_return -1;
}

cppcoro::task<int> helper_after_early_return(std::future<int> f) {
  if (f.wait_for(0s) != std::future_status::ready)
    co_return -1;
  co_return take_value(std::move(f));
}

cppcoro::task<int> helper_after_status(concurrencpp::result<int> r) {
  assert(r.status() == concurrencpp::result_status::value);
  co_return take_result(r);
}

cppcoro::task<int> helper_on_when_all_element(
    std::vector<concurrencpp::result<int>> pending) {
  auto done = co_await when_all(std::move(pending));
  co_return take_result(done[0]);
}

cppcoro::task<int> helper_both_ready(std::future<int> a, std::future<int> b) {
  if (a.wait_for(0s) != std::future_status::ready ||
      b.wait_for(0s) != std::future_status::ready)
    co_return 0;
  co_return take_both(a, b);
}

cppcoro::task<int> member_helper(Reader reader, std::shared_future<int> f) {
  if (!(f.wait_for(0s) == std::future_status::ready))
    co_return 0;
  co_return reader.take(f);
}

template <class T> T take_any(std::future<T> &f) { return f.get(); }

cppcoro::task<int> template_helper(std::future<int> f) {
  if (f.wait_for(0s) != std::future_status::ready)
    co_return 0;
  co_return take_any(f);
}

cppcoro::task<int> helper_on_bindings(std::future<int> a, std::future<int> b) {
  auto [x, y] = co_await when_all(std::move(a), std::move(b));
  co_return take(x) + take_value(std::move(y));
}

// ---- the same helpers, given objects that may not be ready: reported

cppcoro::task<int> helper_unchecked(std::future<int> f) {
  co_return take(f);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: 'take' blocks the thread inside coroutine 'helper_unchecked'; {{.*}}
  // CHECK-NOTES: :[[@LINE-68]]:42: note: 'take' calls 'std::future::get', which blocks{{.*}}
}

cppcoro::task<int> helper_other_checked(std::future<int> a, std::future<int> b) {
  if (a.wait_for(0s) == std::future_status::ready)
    co_return take(b);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: 'take' blocks the thread inside coroutine 'helper_other_checked'; {{.*}}
  // CHECK-NOTES: :[[@LINE-75]]:42: note: 'take' calls 'std::future::get', which blocks{{.*}}
  co_return 0;
}

cppcoro::task<int> helper_one_ready(std::future<int> a, std::future<int> b) {
  if (a.wait_for(0s) != std::future_status::ready)
    co_return 0;
  co_return take_both(a, b);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: 'take_both' blocks the thread inside coroutine 'helper_one_ready'; {{.*}}
  // CHECK-NOTES: :[[@LINE-77]]:12: note: 'take_both' calls 'std::future::get', which blocks{{.*}}
}

// The helper blocks for another reason as well.
int take_slowly(std::future<int> &f) {
  std::this_thread::sleep_for(10ms);
  return f.get();
}

cppcoro::task<int> helper_blocks_otherwise(std::future<int> f) {
  if (f.wait_for(0s) != std::future_status::ready)
    co_return 0;
  co_return take_slowly(f);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: 'take_slowly' blocks the thread inside coroutine 'helper_blocks_otherwise'; {{.*}}
  // CHECK-NOTES: :[[@LINE-9]]:3: note: 'take_slowly' calls 'std::this_thread::sleep_for', which blocks{{.*}}
}

// The helper waits for another future it stored in the parameter.
int take_replaced(std::future<int> &f, std::future<int> &g) {
  f = std::move(g);
  return f.get();
}

cppcoro::task<int> helper_replaces(std::future<int> f, std::future<int> g) {
  if (f.wait_for(0s) != std::future_status::ready)
    co_return 0;
  co_return take_replaced(f, g);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: 'take_replaced' blocks the thread inside coroutine 'helper_replaces'; {{.*}}
  // CHECK-NOTES: :[[@LINE-8]]:12: note: 'take_replaced' calls 'std::future::get', which blocks{{.*}}
}
