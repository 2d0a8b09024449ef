// RUN: %python %S/../verify_blocking_db.py %async-lint %s -- %cxx20

// Every coroutine-library entry of checks/data/blocking-calls.yaml (the
// blocking bridges from a task back to the calling thread: a deadlock when
// called on the executor's own thread), called from a coroutine against the
// test models of those libraries in test/Inputs. The line after each call
// names the entry it exercises.

#include "async_simple_lazy.h"
#include "concurrencpp_result.h"
#include "cppcoro_task.h"
#include "folly_task.h"
#include "libcoro_task.h"
#include "stdexec_sync_wait.h"

cppcoro::task<int> cppcoro_work();
folly::coro::Task<int> folly_work();
folly::SemiFuture<int> folly_semi();
folly::Future<int> folly_future();
concurrencpp::result<int> concurrencpp_work();
coro::task<int> libcoro_work();
async_simple::coro::Lazy<int> async_simple_work();

cppcoro::task<> bridges() {
  cppcoro::sync_wait(cppcoro_work());
  // ENTRY: ::cppcoro::sync_wait
  folly::coro::blockingWait(folly_work());
  // ENTRY: ::folly::coro::blockingWait
  folly_semi().get();
  // ENTRY: ::folly::SemiFuture::get
  folly::SemiFuture<int> semi = folly_semi();
  semi.wait();
  // ENTRY: ::folly::SemiFuture::wait
  folly_future().get();
  // ENTRY: ::folly::Future::get
  folly::Future<int> fut = folly_future();
  fut.wait();
  // ENTRY: ::folly::Future::wait
  concurrencpp::result<int> res = concurrencpp_work();
  res.get();
  // ENTRY: ::concurrencpp::result::get
  res.wait();
  // ENTRY: ::concurrencpp::result::wait
  coro::sync_wait(libcoro_work());
  // ENTRY: ::coro::sync_wait
  stdexec::sync_wait(stdexec::just(42));
  // ENTRY: ::stdexec::sync_wait
  async_simple::coro::syncAwait(async_simple_work());
  // ENTRY: ::async_simple::coro::syncAwait
  co_return;
}
