// RUN: %check_async_lint %s %t -- %cxx20

// Test frameworks' assertions as readiness tests, against the real headers
// (googletest 1.12, Catch2 2.13, doctest 2.4, Boost.Test 1.81). A guard is an
// assertion that stops the test when it fails: gtest's ASSERT_ (it returns
// from the function: the CFG shows it), Catch2's and doctest's REQUIRE and
// Boost.Test's BOOST_REQUIRE (they throw from inside the framework). EXPECT_,
// CHECK and WARN continue after a failure and are not.

#define GTEST_DONT_DEFINE_FAIL 1
#define GTEST_DONT_DEFINE_SUCCEED 1
#include <gtest/gtest.h>
#include <catch2/catch.hpp>
#define DOCTEST_CONFIG_NO_SHORT_MACRO_NAMES
#include <doctest/doctest.h>
#include <boost/test/unit_test.hpp>

#include "concurrencpp_result.h"
#include "cppcoro_task.h"

#include <cassert>
#include <chrono>
#include <future>

using namespace std::chrono_literals;
using concurrencpp::result;
using concurrencpp::result_status;

BOOST_TEST_DONT_PRINT_LOG_VALUE(std::future_status)
BOOST_TEST_DONT_PRINT_LOG_VALUE(concurrencpp::result_status)

// ---- guarded: silent

// gtest's ASSERT_ macros return from a void function; a helper that asserts
// readiness before get() does not block.
void gtest_assert_true(std::future<int> &f, int &out) {
  ASSERT_TRUE(f.wait_for(0s) == std::future_status::ready);
  out = f.get();
}

void gtest_assert_eq(result<int> &r, int &out) {
  ASSERT_EQ(r.status(), result_status::value);
  out = r.get();
}

void gtest_assert_ne(std::future<int> &f, int &out) {
  ASSERT_NE(f.wait_for(0s), std::future_status::timeout);
  out = f.get();
}

void gtest_assert_false(std::future<int> &f, int &out) {
  ASSERT_FALSE(f.wait_for(0s) != std::future_status::ready);
  out = f.get();
}

void gtest_assert_both(std::future<int> &f, result<int> &r, int &out) {
  ASSERT_TRUE(f.valid() && f.wait_for(0s) == std::future_status::ready &&
              r.status() == result_status::value);
  out = f.get() + r.get();
}

cppcoro::task<int> gtest_helpers(std::future<int> f, result<int> r) {
  int a = 0, b = 0, c = 0, d = 0, e = 0;
  gtest_assert_true(f, a);
  gtest_assert_eq(r, b);
  gtest_assert_ne(f, c);
  gtest_assert_false(f, d);
  gtest_assert_both(f, r, e);
  co_return a + b + c + d + e;
}

cppcoro::task<int> catch_require(std::future<int> f, result<int> r) {
  REQUIRE(f.wait_for(0s) == std::future_status::ready);
  REQUIRE_FALSE(r.status() != result_status::value);
  co_return f.get() + r.get();
}

cppcoro::task<int> catch_require_predicate(result<int> r) {
  auto done = co_await r.resolve();
  REQUIRE(done.status() == result_status::value);
  co_return done.get();
}

cppcoro::task<int> doctest_require(result<int> r, std::future<int> f) {
  DOCTEST_REQUIRE(r.status() == result_status::value);
  DOCTEST_REQUIRE_EQ(f.wait_for(0s), std::future_status::ready);
  co_return r.get() + f.get();
}

cppcoro::task<int> boost_require(result<int> r, std::future<int> f,
                                 std::future<int> g) {
  BOOST_REQUIRE(r.status() == result_status::value);
  BOOST_TEST_REQUIRE(f.wait_for(0s) == std::future_status::ready);
  BOOST_REQUIRE_EQUAL(g.wait_for(0s), std::future_status::ready);
  co_return r.get() + f.get() + g.get();
}

cppcoro::task<int> plain_assert(std::future<int> f) {
  assert(f.wait_for(0s) == std::future_status::ready);
  co_return f.get();
}

// A check that continues is fine where an if guards the call.
cppcoro::task<int> check_then_if(std::future<int> f) {
  CHECK(f.valid());
  if (f.wait_for(0s) != std::future_status::ready)
    co_return 0;
  co_return f.get();
}

// ---- not guarded: reported

// EXPECT_ records the failure and goes on.
void gtest_expect_eq(result<int> &r, int &out) {
  EXPECT_EQ(r.status(), result_status::value);
  out = r.get();
}

// An ASSERT_ on another object.
void gtest_assert_other(std::future<int> &f, std::future<int> &g, int &out) {
  ASSERT_TRUE(f.wait_for(0s) == std::future_status::ready);
  out = g.get();
}

// ASSERT_ on an || of which only one side says ready.
void gtest_assert_either(std::future<int> &f, result<int> &r, int &out) {
  ASSERT_TRUE(f.wait_for(0s) == std::future_status::ready ||
              r.status() == result_status::value);
  out = f.get();
}

cppcoro::task<int> gtest_unguarded(result<int> r, std::future<int> f,
                                   std::future<int> g) {
  int a = 0, b = 0, c = 0;
  gtest_assert_either(f, r, c);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'gtest_assert_either' blocks the thread inside coroutine 'gtest_unguarded'; {{.*}} (category: wait) [async-blocking-call]
  gtest_expect_eq(r, a);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'gtest_expect_eq' blocks the thread inside coroutine 'gtest_unguarded'; {{.*}} (category: sync-wait) [async-blocking-call]
  gtest_assert_other(f, g, b);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'gtest_assert_other' blocks the thread inside coroutine 'gtest_unguarded'; {{.*}} (category: wait) [async-blocking-call]
  co_return a + b + c;
}

cppcoro::task<int> catch_check(std::future<int> f) {
  CHECK(f.wait_for(0s) == std::future_status::ready);
  co_return f.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'std::future::get' blocks the thread inside coroutine 'catch_check'; {{.*}} (category: wait) [async-blocking-call]
}

cppcoro::task<int> catch_require_other(std::future<int> f, std::future<int> g) {
  REQUIRE(f.wait_for(0s) == std::future_status::ready);
  co_return g.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'std::future::get' blocks the thread inside coroutine 'catch_require_other'; {{.*}} (category: wait) [async-blocking-call]
}

// REQUIRE_FALSE of "ready" says it is not.
cppcoro::task<int> catch_require_false(std::future<int> f) {
  REQUIRE_FALSE(f.wait_for(0s) == std::future_status::ready);
  co_return f.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'std::future::get' blocks the thread inside coroutine 'catch_require_false'; {{.*}} (category: wait) [async-blocking-call]
}

// Required on one path only.
cppcoro::task<int> catch_require_one_path(std::future<int> f, bool fast) {
  if (fast)
    REQUIRE(f.wait_for(0s) == std::future_status::ready);
  co_return f.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'std::future::get' blocks the thread inside coroutine 'catch_require_one_path'; {{.*}} (category: wait) [async-blocking-call]
}

cppcoro::task<int> doctest_check(result<int> r) {
  DOCTEST_CHECK(r.status() == result_status::value);
  DOCTEST_WARN_EQ(r.status(), result_status::value);
  co_return r.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'concurrencpp::result::get' blocks the thread inside coroutine 'doctest_check' until {{.*}} (category: sync-wait) [async-blocking-call]
}

cppcoro::task<int> boost_check(result<int> r) {
  BOOST_CHECK(r.status() == result_status::value);
  BOOST_CHECK_EQUAL(r.status(), result_status::value);
  co_return r.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'concurrencpp::result::get' blocks the thread inside coroutine 'boost_check' until {{.*}} (category: sync-wait) [async-blocking-call]
}

// A required status that is not ready.
cppcoro::task<int> boost_require_idle(result<int> r) {
  BOOST_REQUIRE(r.status() == result_status::idle);
  co_return r.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'concurrencpp::result::get' blocks the thread inside coroutine 'boost_require_idle' until {{.*}} (category: sync-wait) [async-blocking-call]
}

// The status is polled and the answer dropped.
cppcoro::task<int> ignored_poll(std::future<int> f) {
  REQUIRE(f.valid());
  f.wait_for(0s);
  co_return f.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'std::future::get' blocks the thread inside coroutine 'ignored_poll'; {{.*}} (category: wait) [async-blocking-call]
}
