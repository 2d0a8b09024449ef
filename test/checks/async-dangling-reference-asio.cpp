// RUN: %check_async_lint %s %t -- -std=c++20 -DASIO_HAS_CO_AWAIT
//
// Against the real standalone Asio headers (1.22; with Clang and libstdc++
// they need -DASIO_HAS_CO_AWAIT): co_spawn with detached runs the task after
// the caller returns; with use_awaitable the caller awaits it in place.

#include <asio.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <asio/experimental/parallel_group.hpp>

#include <string>
#include <string_view>


using asio::awaitable;
using asio::ip::tcp;
using namespace asio::experimental::awaitable_operators;

awaitable<void> send(const std::string &text);
awaitable<void> send_copy(std::string text);
awaitable<void> relay(tcp::socket &socket);
awaitable<void> watchdog(std::string_view name);
std::string load_banner();

void start(asio::io_context &io) {
  std::string banner = load_banner();
  asio::co_spawn(io, send(banner), asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'send' is a lazy coroutine; its parameter 'text' refers to local variable 'banner', which is destroyed when 'start' returns, while the task can still run (it is spawned by 'asio::co_spawn' and runs later); take 'text' by value or keep 'banner' alive until the task completes (e.g. spawn a coroutine that owns it) [async-dangling-reference]
}

void start_temporary(asio::io_context &io) {
  asio::co_spawn(io, send(load_banner()), asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'send' is a lazy coroutine; its parameter 'text' refers to a temporary 'std::string' that is destroyed at the end of this statement, before the task runs (it is spawned by 'asio::co_spawn' and runs later);
}

awaitable<void> listen(tcp::acceptor &acceptor) {
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
    asio::co_spawn(acceptor.get_executor(), relay(socket), asio::detached);
    // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: 'relay' is a lazy coroutine; its parameter 'socket' refers to local variable 'socket', which is destroyed at the end of its scope, while the task can still run (it is spawned by 'asio::co_spawn' and runs later);
  }
}

void start_lambda(asio::io_context &io) {
  std::string banner = load_banner();
  asio::co_spawn(
      io, [&]() -> awaitable<void> { co_await send(banner); }, asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: the lambda is a lazy coroutine spawned by 'asio::co_spawn'; it captures 'banner' by reference, a local variable of 'start_lambda' that is destroyed when 'start_lambda' returns, while the task can still run (it is spawned at line [[@LINE-2]] and runs later); capture 'banner' by value (e.g. 'banner = std::move(banner)') or keep it alive until the task completes [async-dangling-reference]
}

// Must not warn.

awaitable<void> awaited_in_place(asio::io_context &io) {
  std::string banner = load_banner();
  co_await asio::co_spawn(io, send(banner), asio::use_awaitable);
  co_await asio::co_spawn(io, send(load_banner()), asio::use_awaitable);
  co_await (send(load_banner()) && watchdog(load_banner()));
  co_await (send("a") || send("b"));
  asio::co_spawn(io, send_copy(banner), asio::detached);
  asio::co_spawn(io, send_copy(load_banner()), asio::detached);
  co_await send(load_banner());
}

int main() {
  asio::io_context io;
  std::string banner = load_banner();
  asio::co_spawn(io, send(banner), asio::detached);
  asio::co_spawn(
      io, [&]() -> awaitable<void> { co_await send(banner); }, asio::detached);
  tcp::acceptor acceptor(io, {tcp::v4(), 5555});
  asio::co_spawn(io, listen(acceptor), asio::detached);
  io.run();
}

void run_on_threads() {
  asio::thread_pool pool(2);
  std::string banner = load_banner();
  asio::co_spawn(pool, send(banner), asio::detached);
  pool.join();
}

void owned_by_lambda(asio::io_context &io) {
  std::string banner = load_banner();
  asio::co_spawn(
      io,
      [banner = std::move(banner)]() -> awaitable<void> { co_await send(banner); },
      asio::detached);
}

awaitable<void> spawn_then_wait(asio::io_context &io) {
  std::string banner = load_banner();
  asio::co_spawn(io, send(banner), asio::detached);
  asio::steady_timer timer(io, std::chrono::seconds(1));
  co_await timer.async_wait(asio::use_awaitable);
}

// co_spawn with deferred (experimental in Asio 1.22) returns an operation
// the caller awaits (through use_awaitable or a parallel group): the task
// does not outlive the statement.
awaitable<void> deferred_spawns(asio::io_context &io) {
  co_await asio::co_spawn(io, send(load_banner()), asio::experimental::deferred)(
      asio::use_awaitable);
  auto [order, e1, e2] = co_await asio::experimental::make_parallel_group(
      asio::co_spawn(io, send(load_banner()), asio::experimental::deferred),
      asio::co_spawn(io, send("b"), asio::experimental::deferred))
      .async_wait(asio::experimental::wait_for_all(), asio::use_awaitable);
}
