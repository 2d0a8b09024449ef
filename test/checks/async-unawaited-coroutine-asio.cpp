// RUN: %check_async_lint %s %t -- -std=c++20 -DASIO_HAS_CO_AWAIT -Wno-unused-result
// The runner does not reject warnings beyond the CHECK-MESSAGES lines: count
// them, so that every negative case below is really checked.
// RUN: cp %s %t-count.cpp
// RUN: not %async-lint --checks='-*,async-*' %t-count.cpp -- -std=c++20 -DASIO_HAS_CO_AWAIT -Wno-unused-result 2>&1 \
// RUN:   | grep -cE '^[^ ].*:[0-9]+:[0-9]+: warning: ' | FileCheck %s --check-prefix=COUNT
// COUNT: {{^}}13{{$}}
//
// Against the real standalone Asio headers (1.22). Asio only detects Clang's
// coroutine support through <experimental/coroutine>, which libstdc++ lacks,
// hence -DASIO_HAS_CO_AWAIT. asio::awaitable is [[nodiscard]]; the compiler's
// own warning is off so that only the check speaks.

#include <asio.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <asio/experimental/channel.hpp>
#include <asio/experimental/deferred.hpp>

#include <chrono>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

using asio::awaitable;
using asio::use_awaitable;
using namespace asio::experimental::awaitable_operators;

awaitable<void> heartbeat();
awaitable<int> pending_jobs();
awaitable<std::string> read_greeting(asio::ip::tcp::socket &socket);
void enqueue(awaitable<void> job);

class Worker {
public:
  awaitable<void> drain();
  awaitable<void> serve();
  void stop();

private:
  asio::steady_timer timer_;
  std::vector<awaitable<void>> backlog_;
  awaitable<void> current_;
};

// Positive cases.

awaitable<void> Worker::serve() {
  heartbeat();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'heartbeat' returns a lazy task that is discarded; its body never runs [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await heartbeat();{{$}}
  drain();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Worker::drain' returns a lazy task that is discarded; its body never runs [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await drain();{{$}}
  timer_.expires_after(std::chrono::seconds(1));
  timer_.async_wait(use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'basic_waitable_timer::async_wait' returns a lazy task that is discarded; its body never runs [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await timer_.async_wait(use_awaitable);{{$}}
  auto executor = co_await asio::this_coro::executor;
  asio::co_spawn(executor, heartbeat(), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_spawn' returns a lazy task that is discarded; its body never runs [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await asio::co_spawn(executor, heartbeat(), use_awaitable);{{$}}
  auto poll = []() -> awaitable<int> { co_return co_await pending_jobs(); };
  poll();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'poll' returns a lazy task that is discarded; its body never runs [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await poll();{{$}}
  auto count = pending_jobs();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'count' holds a lazy task returned by 'pending_jobs' and is never awaited, returned or passed on; its body never runs [async-unawaited-coroutine]
  try {
    co_await drain();
  } catch (const std::system_error &) {
    heartbeat();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'heartbeat' returns a lazy task that is discarded; its body never runs [async-unawaited-coroutine]
    // No co_await in a handler: no fix-it.
    // CHECK-FIXES: {{^}}    heartbeat();{{$}}
  }
}

awaitable<void> Worker::drain() {
  co_await heartbeat();
}

void Worker::stop() {
  drain();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Worker::drain' returns a lazy task that is discarded; its body never runs; 'Worker::stop' is not a coroutine and cannot await it: return it or hand it to an executor (e.g. co_spawn) [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  drain();{{$}}
  timer_.async_wait(use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'basic_waitable_timer::async_wait' returns a lazy task that is discarded; its body never runs; 'Worker::stop' is not a coroutine and cannot await it: return it or hand it to an executor (e.g. co_spawn) [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  timer_.async_wait(use_awaitable);{{$}}
}

void start_background(asio::io_context &io) {
  auto flush = [] { return heartbeat(); };
  flush();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'flush' returns a lazy task that is discarded; its body never runs; 'start_background' is not a coroutine and cannot await it: return it or hand it to an executor (e.g. co_spawn) [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  flush();{{$}}
  auto unused = heartbeat();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'unused' holds a lazy task returned by 'heartbeat' and is never awaited, returned or passed on; its body never runs [async-unawaited-coroutine]
  io.run();
}

// Negative cases: awaited, returned, handed on, stored, explicitly discarded,
// unevaluated, or not awaitable at all.

awaitable<int> forward_count() { co_return co_await pending_jobs(); }

awaitable<void> forward_heartbeat() { return heartbeat(); }

awaitable<void> heartbeat_task() { return forward_heartbeat(); }

awaitable<void> negatives(asio::ip::tcp::socket &socket, Worker &worker) {
  auto executor = co_await asio::this_coro::executor;
  co_await heartbeat();
  int jobs = co_await pending_jobs();
  (void)jobs;
  std::string greeting = co_await read_greeting(socket);
  co_await worker.drain();
  co_await (heartbeat() && pending_jobs());
  auto winner = co_await (heartbeat() || pending_jobs());
  (void)winner;
  asio::co_spawn(executor, heartbeat(), asio::detached);
  asio::co_spawn(executor, worker.serve(), asio::detached);
  co_await asio::co_spawn(executor, heartbeat(), use_awaitable);

  std::vector<awaitable<void>> batch;
  batch.push_back(heartbeat());
  batch.emplace_back(worker.drain());
  for (awaitable<void> &job : batch)
    co_await std::move(job);

  auto later = heartbeat();
  auto moved = std::move(later);
  co_await std::move(moved);
  auto handed_on = heartbeat();
  enqueue(std::move(handed_on));
  enqueue(heartbeat());

  (void)heartbeat();
  std::ignore = pending_jobs();
  using Job = decltype(heartbeat());
  static_assert(sizeof(pending_jobs()) > 0);
  static_assert(!noexcept(heartbeat()) || noexcept(heartbeat()));
  [[maybe_unused]] Job kept = heartbeat();

  asio::steady_timer timer(executor, std::chrono::milliseconds(10));
  timer.async_wait([](std::error_code) {});
  co_await timer.async_wait(use_awaitable);
  asio::post(executor, [] {});
  co_await asio::post(executor, use_awaitable);
  std::size_t sent = co_await asio::async_write(
      socket, asio::buffer(greeting), use_awaitable);
  (void)sent;
  asio::async_write(socket, asio::buffer(greeting),
                    [](std::error_code, std::size_t) {});
}

template <typename Job> awaitable<void> run_later(Job job) {
  job();
  co_return;
}

template <typename T> void discard_generic(T value) { value.drain(); }

void run_io(asio::io_context &io) {
  asio::co_spawn(io, heartbeat(), asio::detached);
  asio::co_spawn(
      io, []() -> awaitable<void> { co_await heartbeat(); }, asio::detached);
  asio::post(io, [] {});
  io.run();
  io.restart();
  io.run_for(std::chrono::milliseconds(1));
}

// Deferred operations in Asio 1.22: experimental::deferred exists, but
// awaitable<>'s promise has no await_transform for it (that came with 1.24),
// so `co_await timer.async_wait(experimental::deferred)` does not compile and
// dropping the co_await loses nothing the check can name. What is awaitable
// by its own type still is.
namespace ax = asio::experimental;
using Channel = ax::channel<void(std::error_code, int)>;

awaitable<void> deferred_in_asio_1_22(asio::steady_timer &timer,
                                      asio::ip::tcp::socket &socket,
                                      Channel &channel) {
  timer.async_wait(ax::deferred);
  asio::async_write(socket, asio::buffer("x", 1), ax::deferred);
  timer.async_wait(ax::as_tuple(ax::deferred));
  channel.async_send(std::error_code(), 1, ax::deferred);
  timer.async_wait(ax::as_tuple(use_awaitable));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'basic_waitable_timer::async_wait' returns a lazy task that is discarded; its body never runs [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await timer.async_wait(ax::as_tuple(use_awaitable));{{$}}
  channel.async_send(std::error_code(), 2, use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'channel_send_functions::async_send' returns a lazy task that is discarded; its body never runs [async-unawaited-coroutine]
  timer.async_wait([](std::error_code) {});
  channel.async_send(std::error_code(), 3, asio::detached);
  (void)timer.async_wait(use_awaitable);
  co_return;
}
