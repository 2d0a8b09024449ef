// RUN: %check_async_lint %s %t -- %cxx20

// Readiness carried to where the value is read: through a local reference,
// a lambda that captures the ready object, a constructor that reads its
// parameter, and the result of an awaited resolve(). Each has its twin that
// may still block.

#include "concurrencpp_result.h"
#include "cppcoro_task.h"

#include <chrono>
#include <future>
#include <thread>
#include <tuple>
#include <vector>

using namespace std::chrono_literals;
using concurrencpp::result;

cppcoro::task<std::tuple<std::future<int>, std::future<int>>>
when_all(std::future<int> a, std::future<int> b);
cppcoro::task<std::vector<result<int>>> when_all(std::vector<result<int>> rs);

// ---- ready where it is read: silent

// co_await r.resolve() resumes once r is ready, with the result itself.
cppcoro::task<int> resolved(result<int> r, result<int> s) {
  auto done = co_await r.resolve();
  co_await s.resolve();
  co_return done.get() + s.get();
}

// A local reference is the object it is bound to.
cppcoro::task<int> through_reference(result<int> r, std::future<int> f) {
  auto &alias = r;
  co_await alias.resolve();
  std::future<int> &g = f;
  if (f.wait_for(0s) != std::future_status::ready)
    co_return 0;
  co_return r.get() + g.get();
}

// The when_all results, read inside a lambda that captures them by
// reference, called after the co_await.
cppcoro::task<int> lambda_by_reference(std::future<int> a, std::future<int> b) {
  auto done = co_await when_all(std::move(a), std::move(b));
  auto sum = [&] { return std::get<0>(done).get() + std::get<1>(done).get(); };
  co_return sum();
}

cppcoro::task<int> lambda_called_on_the_spot(std::vector<result<int>> pending) {
  auto done = co_await when_all(std::move(pending));
  co_return [&done] { return done[0].get(); }();
}

// Captured by copy once ready: the copy shares the ready state.
cppcoro::task<int> lambda_by_copy(std::shared_future<int> f) {
  if (f.wait_for(0s) != std::future_status::ready)
    co_return 0;
  auto read = [f] { return f.get(); };
  auto moved = [g = std::move(f)] { return g.get(); };
  co_return read() + moved();
}

// A constructor that reads its parameter, given a ready one.
struct Snapshot {
  int value;
  explicit Snapshot(std::future<int> &f) : value(f.get()) {}
};

struct Report {
  int total = 0;
  explicit Report(result<int> r) { total = r.get(); }
};

cppcoro::task<int> constructors(std::future<int> f, result<int> r) {
  if (f.wait_for(0s) != std::future_status::ready)
    co_return 0;
  Snapshot snap(f);
  auto done = co_await r.resolve();
  Report report(std::move(done));
  co_return snap.value + report.total;
}

// A helper coroutine of this file, only ever awaited on the spot with a
// ready argument.
namespace {
cppcoro::task<int> read_ready(result<int> &r) { co_return r.get(); }
} // namespace

static cppcoro::task<int> read_value(std::future<int> f) { co_return f.get(); }

cppcoro::task<int> awaited_helpers(result<int> r, std::future<int> f) {
  co_await r.resolve();
  int total = co_await read_ready(r);
  if (f.wait_for(0s) != std::future_status::ready)
    co_return total;
  co_return total + co_await read_value(std::move(f));
}

// A loop whose condition is constant false (the shape of many assertion
// macros) between the test and the call.
cppcoro::task<int> after_do_while(std::future<int> f) {
  if (f.wait_for(0s) != std::future_status::ready)
    co_return 0;
  do {
  } while (false);
  co_return f.get();
}

// A project's own assertion helpers, which abort the test when they fail
// (named assert_*, assert*, require*; defined in another file, or calling
// one that is).
namespace tests {
void assert_true(bool condition);
void assert_false(bool condition);
void report_mismatch();
template <class A, class B> void assert_equal(const A &given, const B &expected) {
  if (given == expected)
    return;
  report_mismatch();
}
template <class A, class B>
void assert_not_equal(const A &given, const B &expected);
template <class A, class B> void expect_equal(const A &given, const B &expected);
template <class A, class B> void assert_bigger(const A &given, const B &expected);
} // namespace tests

cppcoro::task<int> own_assertions(result<int> r, std::future<int> f,
                                  std::future<int> g, std::future<int> h) {
  tests::assert_equal(r.status(), concurrencpp::result_status::value);
  tests::assert_true(f.wait_for(0s) == std::future_status::ready);
  tests::assert_not_equal(g.wait_for(0s), std::future_status::timeout);
  tests::assert_false(h.wait_for(0s) != std::future_status::ready);
  co_return r.get() + f.get() + g.get() + h.get();
}

// A test helper that checks the result it is given before reading it.
void check_ready_result(result<int> r, int expected) {
  tests::assert_true(static_cast<bool>(r));
  tests::assert_equal(r.status(), concurrencpp::result_status::value);
  tests::assert_equal(r.get(), expected);
}

cppcoro::task<void> uses_checking_helper(result<int> r) {
  check_ready_result(std::move(r), 1);
  co_return;
}

// The future of a promise fulfilled here, before or after get_future().
cppcoro::task<int> fulfilled_here(int value) {
  std::promise<int> promise;
  std::future<int> f = promise.get_future();
  promise.set_value(value);
  std::promise<int> early;
  early.set_value(value);
  auto g = early.get_future();
  std::packaged_task<int()> task([value] { return value * 2; });
  auto h = task.get_future();
  task();
  co_return f.get() + g.get() + h.get();
}

// ---- may not be ready: reported

cppcoro::task<int> fulfilled_elsewhere(int value, bool now) {
  std::promise<int> promise;
  auto f = promise.get_future();
  std::promise<int> other;
  auto g = other.get_future();
  std::promise<int> later;
  auto h = later.get_future();
  if (now)
    promise.set_value(value);
  std::thread([p = std::move(other), value]() mutable {
    p.set_value(value);
  }).detach();
  later.set_value_at_thread_exit(value);
  int total = f.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'std::future::get' blocks the thread inside coroutine 'fulfilled_elsewhere'; {{.*}} (category: wait) [async-blocking-call]
  total += g.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'std::future::get' blocks the thread inside coroutine 'fulfilled_elsewhere'; {{.*}} (category: wait) [async-blocking-call]
  co_return total + h.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'std::future::get' blocks the thread inside coroutine 'fulfilled_elsewhere'; {{.*}} (category: wait) [async-blocking-call]
}

cppcoro::task<int> own_assertions_unready(result<int> r, std::future<int> f,
                                          std::future<int> g,
                                          std::future<int> h) {
  tests::assert_equal(r.status(), concurrencpp::result_status::idle);
  tests::assert_false(f.wait_for(0s) == std::future_status::ready);
  tests::expect_equal(g.wait_for(0s), std::future_status::ready);
  tests::assert_bigger(h.wait_for(0s), std::future_status::ready);
  int total = r.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'concurrencpp::result::get' blocks the thread inside coroutine 'own_assertions_unready' until {{.*}} (category: sync-wait) [async-blocking-call]
  total += f.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'std::future::get' blocks the thread inside coroutine 'own_assertions_unready'; {{.*}} (category: wait) [async-blocking-call]
  total += g.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'std::future::get' blocks the thread inside coroutine 'own_assertions_unready'; {{.*}} (category: wait) [async-blocking-call]
  co_return total + h.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'std::future::get' blocks the thread inside coroutine 'own_assertions_unready'; {{.*}} (category: wait) [async-blocking-call]
}

cppcoro::task<int> do_while_unchecked(std::future<int> f) {
  do {
  } while (false);
  co_return f.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'std::future::get' blocks the thread inside coroutine 'do_while_unchecked'; {{.*}} (category: wait) [async-blocking-call]
}

// Helper coroutines awaited with a result that may not be ready, kept as a
// task before it is awaited, that replace their parameter, or that other
// translation units may call.
namespace {
cppcoro::task<int> read_any(result<int> &r) { co_return r.get(); }
// CHECK-MESSAGES: :[[@LINE-1]]:59: warning: 'concurrencpp::result::get' blocks the thread inside coroutine 'read_any' until {{.*}} (category: sync-wait) [async-blocking-call]
cppcoro::task<int> read_kept(result<int> &r) { co_return r.get(); }
// CHECK-MESSAGES: :[[@LINE-1]]:60: warning: 'concurrencpp::result::get' blocks the thread inside coroutine 'read_kept' until {{.*}} (category: sync-wait) [async-blocking-call]
cppcoro::task<int> read_replaced(result<int> &r, result<int> &s) {
  r = std::move(s);
  co_return r.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'concurrencpp::result::get' blocks the thread inside coroutine 'read_replaced' until {{.*}} (category: sync-wait) [async-blocking-call]
}
} // namespace

cppcoro::task<int> read_public(result<int> &r) { co_return r.get(); }
// CHECK-MESSAGES: :[[@LINE-1]]:62: warning: 'concurrencpp::result::get' blocks the thread inside coroutine 'read_public' until {{.*}} (category: sync-wait) [async-blocking-call]

cppcoro::task<int> awaited_unready(result<int> r, result<int> s) {
  co_await r.resolve();
  int total = co_await read_any(r);
  total += co_await read_any(s);
  auto task = read_kept(r);
  total += co_await std::move(task);
  total += co_await read_replaced(r, s);
  co_return total + co_await read_public(r);
}

cppcoro::task<int> reference_to_other(std::future<int> f, std::future<int> g) {
  std::future<int> &alias = g;
  if (f.wait_for(0s) != std::future_status::ready)
    co_return 0;
  co_return alias.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'std::future::get' blocks the thread inside coroutine 'reference_to_other'; {{.*}} (category: wait) [async-blocking-call]
}

cppcoro::task<int> lambda_unchecked(std::future<int> f) {
  auto read = [&] { return f.get(); };
  co_return read();
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'read' blocks the thread inside coroutine 'lambda_unchecked'; {{.*}} (category: wait) [async-blocking-call]
}

// Called once before the test, once after: only the first blocks.
cppcoro::task<int> lambda_before_check(std::future<int> f) {
  auto read = [&] { return f.get(); };
  int first = read();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'read' blocks the thread inside coroutine 'lambda_before_check'; {{.*}} (category: wait) [async-blocking-call]
  if (f.wait_for(0s) != std::future_status::ready)
    co_return 0;
  co_return first + read();
}

// Copied before it was known ready.
cppcoro::task<int> lambda_copied_early(std::shared_future<int> f) {
  auto read = [f] { return f.get(); };
  if (f.wait_for(0s) != std::future_status::ready)
    co_return 0;
  co_return read();
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'read' blocks the thread inside coroutine 'lambda_copied_early'; {{.*}} (category: wait) [async-blocking-call]
}

// The lambda checks another future than the one it reads.
cppcoro::task<int> lambda_other_object(std::future<int> a, std::future<int> b) {
  if (a.wait_for(0s) != std::future_status::ready)
    co_return 0;
  co_return [&] { return b.get(); }();
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: the lambda called here blocks the thread inside coroutine 'lambda_other_object'; {{.*}} (category: wait) [async-blocking-call]
}

cppcoro::task<int> constructor_unchecked(std::future<int> f) {
  Snapshot snap(f);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'Snapshot::Snapshot' blocks the thread inside coroutine 'constructor_unchecked'; {{.*}} (category: wait) [async-blocking-call]
  co_return snap.value;
}

// Ready on one path only.
cppcoro::task<int> constructor_one_path(result<int> r, bool fast) {
  if (fast)
    co_await r.resolve();
  Report report(std::move(r));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'Report::Report' blocks the thread inside coroutine 'constructor_one_path'; {{.*}} (category: sync-wait) [async-blocking-call]
  co_return report.total;
}

// resolve() of another result.
cppcoro::task<int> resolved_other(result<int> r, result<int> s) {
  co_await s.resolve();
  co_return r.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'concurrencpp::result::get' blocks the thread inside coroutine 'resolved_other' until {{.*}} (category: sync-wait) [async-blocking-call]
}
