// RUN: %check_async_lint %s %t -- %cxx20 -Wno-unused-result
// The runner does not reject warnings beyond the CHECK-MESSAGES lines: count
// them, so that every negative case below is really checked.
// RUN: cp %s %t-count.cpp
// RUN: not %async-lint --checks='-*,async-*' %t-count.cpp -- %cxx20 -Wno-unused-result 2>&1 \
// RUN:   | grep -cE '^[^ ].*:[0-9]+:[0-9]+: warning: ' | FileCheck %s --check-prefix=COUNT
// COUNT: {{^}}14{{$}}
//
// Values that are valid co_await operands only through the enclosing
// promise's await_transform: current Asio's deferred operations (default and
// partial completion tokens), P2300 senders inside a sender library's task,
// and async_simple's coAwait protocol.

#include "asio_default_token.h"
#include "p2300_task.h"

#include <chrono>
#include <utility>

using namespace std::chrono_literals;
using asio::awaitable;
using namespace asio::experimental::awaitable_operators;

// Asio: default and partial completion tokens.

awaitable<void> heartbeat(asio::steady_timer &timer, asio::ip::tcp::socket &sock,
                          asio::experimental::channel<void(asio::error_code)> &ch) {
  asio::error_code ec;
  timer.async_wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'timer.async_wait()' returns a deferred asynchronous operation that is discarded; it never starts [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await timer.async_wait();{{$}}
  asio::async_write(sock, asio::buffer("ping", 4));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'asio::async_write()' returns a deferred asynchronous operation that is discarded; it never starts [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await asio::async_write(sock, asio::buffer("ping", 4));{{$}}
  asio::async_write(sock, asio::buffer("ping", 4), asio::cancel_after(10s));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'asio::async_write()' returns a deferred asynchronous operation that is discarded; it never starts [async-unawaited-coroutine]
  timer.async_wait(asio::deferred);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'timer.async_wait()' returns a deferred asynchronous operation that is discarded; it never starts [async-unawaited-coroutine]
  timer.async_wait(asio::as_tuple(asio::deferred));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'timer.async_wait()' returns a deferred asynchronous operation that is discarded; it never starts [async-unawaited-coroutine]
  timer.async_wait(asio::redirect_error(asio::deferred, ec));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'timer.async_wait()' returns a deferred asynchronous operation that is discarded; it never starts [async-unawaited-coroutine]
  ch.async_send(ec);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ch.async_send()' returns a deferred asynchronous operation that is discarded; it never starts [async-unawaited-coroutine]
  asio::experimental::make_parallel_group(timer.async_wait(), ch.async_send(ec))
      .async_wait(asio::experimental::wait_for_all());
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'parallel_group::async_wait' returns a deferred asynchronous operation that is discarded; it never starts [async-unawaited-coroutine]
  co_return;
}

// Must not warn.

// No promise to transform it: a deferred operation is not awaitable by its
// own type.
void plain_function(asio::steady_timer &timer) {
  timer.async_wait();
  timer.async_wait(asio::deferred);
}

awaitable<void> handlers(asio::steady_timer &timer, asio::ip::tcp::socket &sock) {
  // Real completion handlers: the operation starts now.
  timer.async_wait([](asio::error_code) {});
  timer.async_wait(asio::detached);
  timer.async_wait(asio::use_future);
  asio::async_write(sock, asio::buffer("x", 1), asio::detached);
  // Stored, then awaited.
  auto op = timer.async_wait();
  co_await std::move(op);
  // Awaited, spawned, grouped, combined.
  co_await timer.async_wait();
  co_await asio::async_write(sock, asio::buffer("x", 1), asio::cancel_after(1s));
  asio::co_spawn(asio::any_io_executor(), timer.async_wait(asio::use_awaitable),
                 asio::detached);
  co_await asio::experimental::make_parallel_group(timer.async_wait(),
                                                   timer.async_wait())
      .async_wait(asio::experimental::wait_for_all());
  co_await (timer.async_wait(asio::use_awaitable) &&
            timer.async_wait(asio::use_awaitable));
  // Explicitly discarded.
  (void)timer.async_wait();
  // Not an operation: no await_transform overload takes these.
  asio::buffer("x", 1);
  asio::as_tuple(asio::deferred);
  // Silenced.
  timer.async_wait(); // NOLINT(async-unawaited-coroutine)
  // NOLINTBEGIN(async-unawaited-coroutine)
  timer.async_wait();
  asio::async_write(sock, asio::buffer("x", 1));
  // NOLINTEND(async-unawaited-coroutine)
  co_return;
}

// P2300: senders inside a sender library's task.

execution::task<> sender_client(execution::run_loop &loop,
                                execution::async_mutex &mutex) {
  auto sched = loop.get_scheduler();
  execution::schedule(sched);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'execution::schedule()' returns a sender that is discarded; it never starts [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await execution::schedule(sched);{{$}}
  execution::just(42);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'execution::just()' returns a sender that is discarded; it never starts [async-unawaited-coroutine]
  execution::just_stopped();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'execution::just_stopped()' returns a sender that is discarded; it never starts [async-unawaited-coroutine]
  execution::then(execution::just(1), [](int v) { return v + 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'execution::then()' returns a sender that is discarded; it never starts [async-unawaited-coroutine]
  mutex.async_lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mutex.async_lock()' returns a sender that is discarded; it never starts [async-unawaited-coroutine]
  co_return;
}

// Must not warn: awaited, explicitly discarded, outside a coroutine, and a
// value that is neither a sender nor awaitable (the pass-through overload
// takes it, but what it returns cannot be awaited).
execution::receipt make_receipt();
execution::task<> sender_negatives(execution::run_loop &loop) {
  co_await execution::schedule(loop.get_scheduler());
  co_await execution::then(execution::just(1), [](int v) { return v; });
  (void)execution::just(1);
  make_receipt();
  auto pending = execution::just(2);
  co_await std::move(pending);
  co_return;
}
void sender_plain(execution::run_loop &loop) {
  execution::schedule(loop.get_scheduler());
  execution::just(1);
}
// Outside a sender task, a sender is not awaitable: Asio's promise has no
// overload for it.
awaitable<void> sender_in_asio() {
  execution::just(1);
  co_return;
}

// async_simple: a value with a coAwait(Executor*) member, which Lazy's
// promise turns into an awaiter through a generic await_transform.
namespace async_simple {
class Executor {};
namespace coro {
template <class T = void> class Lazy;
namespace detail {
class LazyPromiseBase {
public:
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() {}
  template <class Awaitable> auto await_transform(Awaitable &&awaitable) {
    return std::forward<Awaitable>(awaitable).coAwait(executor_);
  }
  Executor *executor_ = nullptr;
};
} // namespace detail
template <class T> class [[nodiscard]] Lazy {
public:
  struct promise_type : detail::LazyPromiseBase {
    Lazy get_return_object() { return {}; }
    void return_void() {}
  };
};
struct DispatchAwaitable {
  struct Awaiter {
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<>) noexcept {}
    void await_resume() {}
  };
  Awaiter coAwait(Executor *) { return {}; }
};
inline DispatchAwaitable dispatch(Executor *) { return {}; }
struct Plain {
  int value;
};
inline Plain plain() { return {}; }
} // namespace coro
} // namespace async_simple

async_simple::coro::Lazy<> lazy_client(async_simple::Executor *ex) {
  async_simple::coro::dispatch(ex);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'dispatch' returns an awaitable that is discarded; it is never awaited [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await async_simple::coro::dispatch(ex);{{$}}
  async_simple::coro::plain();
  co_return;
}
void lazy_plain(async_simple::Executor *ex) { async_simple::coro::dispatch(ex); }

// A pass-through constrained by something that says nothing about being
// awaitable, returning auto: what it returns is the value itself, which is
// not awaitable. Must not warn.
namespace passthrough {
struct Value {
  int v;
};
Value compute();
template <class T = void> class [[nodiscard]] Task {
public:
  struct promise_type {
    Task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void unhandled_exception() {}
    void return_void() {}
    template <class A>
      requires(!std::is_void_v<A>)
    auto await_transform(A &&a) {
      return std::forward<A>(a);
    }
  };
};
Task<> client() {
  compute();
  co_return;
}
} // namespace passthrough
