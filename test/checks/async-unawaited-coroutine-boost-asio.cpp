// RUN: %check_async_lint %s %t -- -std=c++20 -Wno-unused-result
// The runner does not reject warnings beyond the CHECK-MESSAGES lines: count
// them, so that every negative case below is really checked.
// RUN: cp %s %t-count.cpp
// RUN: not %async-lint --checks='-*,async-*' %t-count.cpp -- -std=c++20 -Wno-unused-result 2>&1 \
// RUN:   | grep -cE '^[^ ].*:[0-9]+:[0-9]+: warning: ' | FileCheck %s --check-prefix=COUNT
// COUNT: {{^}}16{{$}}
//
// Against the real Boost.Asio headers (Boost 1.81), whose coroutine support
// needs no extra macro with Clang and libstdc++. boost::asio::awaitable is
// [[nodiscard]]; the compiler's own warning is off so that only the check
// speaks.

#include <boost/asio.hpp>
#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/experimental/channel.hpp>
#include <boost/asio/experimental/parallel_group.hpp>

#include <chrono>
#include <cstddef>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace net = boost::asio;
using boost::system::error_code;
using net::awaitable;
using net::use_awaitable;
using net::ip::tcp;
using namespace net::experimental::awaitable_operators;

awaitable<void> refresh_cache();
awaitable<std::size_t> evict_expired(std::chrono::seconds max_age);
void schedule(awaitable<void> task);

class CacheServer {
public:
  awaitable<void> handle(tcp::socket socket);
  awaitable<void> flush_to_disk();
  void on_config_reload();

private:
  net::steady_timer refresh_timer_;
  std::vector<awaitable<void>> deferred_writes_;
};

// Positive cases.

awaitable<void> CacheServer::handle(tcp::socket socket) {
  refresh_cache();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'refresh_cache' returns a lazy task that is discarded; its body never runs [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await refresh_cache();{{$}}
  flush_to_disk();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'CacheServer::flush_to_disk' returns a lazy task that is discarded; its body never runs [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await flush_to_disk();{{$}}
  refresh_timer_.async_wait(use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'basic_waitable_timer::async_wait' returns a lazy task that is discarded; its body never runs [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await refresh_timer_.async_wait(use_awaitable);{{$}}
  auto executor = co_await net::this_coro::executor;
  net::co_spawn(executor, refresh_cache(), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_spawn' returns a lazy task that is discarded; its body never runs [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await net::co_spawn(executor, refresh_cache(), use_awaitable);{{$}}
  std::string reply = "OK\r\n";
  net::async_write(socket, net::buffer(reply), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_write' returns a lazy task that is discarded; its body never runs [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await net::async_write(socket, net::buffer(reply), use_awaitable);{{$}}
  auto evict = [](std::chrono::seconds age) { return evict_expired(age); };
  evict(std::chrono::seconds(60));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'evict' returns a lazy task that is discarded; its body never runs [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await evict(std::chrono::seconds(60));{{$}}
  auto evicted = evict_expired(std::chrono::seconds(30));
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'evicted' holds a lazy task returned by 'evict_expired' and is never awaited, returned or passed on; its body never runs [async-unawaited-coroutine]
}

awaitable<void> CacheServer::flush_to_disk() { co_return; }

void CacheServer::on_config_reload() {
  refresh_cache();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'refresh_cache' returns a lazy task that is discarded; its body never runs; 'CacheServer::on_config_reload' is not a coroutine and cannot await it: return it or hand it to an executor (e.g. co_spawn) [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  refresh_cache();{{$}}
  auto reload = [this]() -> awaitable<void> { co_await flush_to_disk(); };
  reload();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'reload' returns a lazy task that is discarded; its body never runs; 'CacheServer::on_config_reload' is not a coroutine and cannot await it: return it or hand it to an executor (e.g. co_spawn) [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  reload();{{$}}
}

// Negative cases.

awaitable<std::size_t> evict_all() {
  co_return co_await evict_expired(std::chrono::seconds(0));
}

awaitable<void> refresh_alias() { return refresh_cache(); }

awaitable<void> negatives(tcp::socket &socket, CacheServer &server) {
  auto executor = co_await net::this_coro::executor;
  co_await refresh_cache();
  std::size_t evicted = co_await evict_expired(std::chrono::seconds(5));
  (void)evicted;
  co_await server.flush_to_disk();
  co_await (refresh_cache() && evict_expired(std::chrono::seconds(1)));
  auto first = co_await (refresh_cache() || server.flush_to_disk());
  (void)first;
  net::co_spawn(executor, refresh_cache(), net::detached);
  co_await net::co_spawn(executor, evict_all(), use_awaitable);

  std::vector<awaitable<void>> tasks;
  tasks.push_back(refresh_cache());
  tasks.push_back(server.flush_to_disk());
  for (awaitable<void> &task : tasks)
    co_await std::move(task);

  auto later = refresh_cache();
  co_await std::move(later);
  auto queued = refresh_cache();
  schedule(std::move(queued));
  schedule(server.flush_to_disk());

  (void)refresh_cache();
  std::ignore = evict_all();
  using Task = decltype(refresh_cache());
  static_assert(sizeof(evict_all()) != 0);
  constexpr bool NoThrow = noexcept(refresh_cache());
  (void)NoThrow;
  [[maybe_unused]] Task kept = refresh_cache();

  net::steady_timer timer(executor, std::chrono::milliseconds(5));
  timer.async_wait([](error_code) {});
  co_await timer.async_wait(use_awaitable);
  auto [wait_error] = co_await timer.async_wait(net::as_tuple(use_awaitable));
  (void)wait_error;
  net::post(executor, [] {});
  co_await net::post(executor, use_awaitable);
  char reply[16];
  std::size_t read = co_await socket.async_read_some(net::buffer(reply),
                                                      use_awaitable);
  (void)read;
  socket.async_read_some(net::buffer(reply), [](error_code, std::size_t) {});
}

template <typename Task> awaitable<void> retry(Task make_task) {
  make_task();
  co_return;
}

template <typename Server> void reload_generic(Server &server) {
  server.flush_to_disk();
}

// Deferred operations: awaitable<>'s promise accepts them through
// await_transform(Op&&) constrained by is_async_operation<Op>.

using Channel = net::experimental::channel<void(boost::system::error_code, int)>;

awaitable<void> deferred_forgotten(net::steady_timer &timer,
                                   net::ip::tcp::socket &sock, Channel &ch) {
  timer.async_wait(net::deferred);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'timer.async_wait()' returns a deferred asynchronous operation that is discarded; it never starts [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await timer.async_wait(net::deferred);{{$}}
  net::async_write(sock, net::buffer("ping", 4), net::deferred);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'net::async_write()' returns a deferred asynchronous operation that is discarded; it never starts [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await net::async_write(sock, net::buffer("ping", 4), net::deferred);{{$}}
  timer.async_wait(net::as_tuple(net::deferred));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'timer.async_wait()' returns a deferred asynchronous operation that is discarded; it never starts [async-unawaited-coroutine]
  timer.async_wait(net::experimental::as_tuple(net::deferred));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'timer.async_wait()' returns a deferred asynchronous operation that is discarded; it never starts [async-unawaited-coroutine]
  ch.async_send(boost::system::error_code(), 42, net::deferred);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ch.async_send()' returns a deferred asynchronous operation that is discarded; it never starts [async-unawaited-coroutine]
  timer.async_wait(net::deferred) |
      net::deferred([](boost::system::error_code) {
        return net::deferred.values(1);
      });
  // CHECK-MESSAGES: :[[@LINE-4]]:3: warning: 'operator|' returns a deferred asynchronous operation that is discarded; it never starts [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await (timer.async_wait(net::deferred) |{{$}}
  // CHECK-FIXES: {{^}}      }));{{$}}
  net::experimental::make_parallel_group(timer.async_wait(net::deferred),
                                         timer.async_wait(net::deferred))
      .async_wait(net::experimental::wait_for_all(), net::deferred);
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: 'parallel_group::async_wait' returns a deferred asynchronous operation that is discarded; it never starts [async-unawaited-coroutine]
  co_return;
}

// Must not warn: no promise to transform them, real completion handlers,
// stored then awaited, handed on, explicitly discarded, silenced.
void deferred_in_plain_function(net::steady_timer &timer) {
  timer.async_wait(net::deferred);
}

awaitable<void> deferred_handled(net::steady_timer &timer,
                                 net::ip::tcp::socket &sock, Channel &ch) {
  timer.async_wait([](boost::system::error_code) {});
  timer.async_wait(net::detached);
  timer.async_wait(net::use_future);
  net::async_write(sock, net::buffer("x", 1), net::detached);
  ch.async_send(boost::system::error_code(), 1, [](boost::system::error_code) {});
  auto op = timer.async_wait(net::deferred);
  co_await std::move(op);
  co_await timer.async_wait(net::deferred);
  co_await net::async_write(sock, net::buffer("x", 1), net::deferred);
  auto [ec] = co_await timer.async_wait(net::as_tuple(net::deferred));
  (void)ec;
  net::co_spawn(sock.get_executor(), timer.async_wait(net::use_awaitable),
                net::detached);
  co_await net::experimental::make_parallel_group(
      timer.async_wait(net::deferred), timer.async_wait(net::deferred))
      .async_wait(net::experimental::wait_for_all(), net::deferred);
  co_await (timer.async_wait(net::use_awaitable) &&
            timer.async_wait(net::use_awaitable));
  (void)timer.async_wait(net::deferred);
  net::as_tuple(net::deferred);
  net::buffer("x", 1);
  timer.async_wait(net::deferred); // NOLINT(async-unawaited-coroutine)
  // NOLINTBEGIN(async-unawaited-coroutine)
  timer.async_wait(net::deferred);
  ch.async_send(boost::system::error_code(), 2, net::deferred);
  // NOLINTEND(async-unawaited-coroutine)
  co_return;
}

int main() {
  net::io_context io;
  net::co_spawn(io, refresh_cache(), net::detached);
  net::co_spawn(
      io, []() -> awaitable<void> { co_await refresh_cache(); },
      net::detached);
  net::post(io, [] {});
  io.run();
}
