// RUN: %check_async_lint %s %t -- %cxx20 -DASIO_HAS_CO_AWAIT
// RUN: %check_async_lint --check-suffix=NOFOLLOW %s %t \
// RUN:   --config="{CheckOptions: {async-blocking-call.FollowLibraryCalls: false}}" \
// RUN:   -- %cxx20 -DASIO_HAS_CO_AWAIT

// Calls into third-party headers (system include paths) are followed down to
// a database entry, but never into the standard library, into the
// namespaces the database describes completely (Asio), or into asynchronous
// initiations: real asynchronous code must stay silent, even though Asio's
// internals call ::recv, ::epoll_ctl and pthread_mutex_lock.

#include "cppcoro_task.h"
#include "vendor_storage.h"

#include <asio.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <chrono>
#include <mutex>
#include <string>
#include <vector>

using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

// ---- a library's helpers that block through its own code

cppcoro::task<> persist(vendor::Journal &journal, int fd) {
  journal.append("checkpoint");
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: 'Journal::append' blocks the thread inside coroutine 'persist'; every other task on this executor stalls until it returns (category: file-io) [async-blocking-call]
  // CHECK-NOTES: vendor_storage.h:{{[0-9]+}}:5: note: 'Journal::append' calls 'write', which blocks{{.*}}
  vendor::durable_flush(fd);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'durable_flush' blocks the thread inside coroutine 'persist'; every other task on this executor stalls until it returns (category: file-io) [async-blocking-call]
  // CHECK-NOTES: vendor_storage.h:{{[0-9]+}}:37: note: 'durable_flush' calls 'fsync', which blocks{{.*}}
  std::string snapshot = vendor::slurp("/var/lib/app/snapshot");
  // CHECK-NOTES: :[[@LINE-1]]:26: warning: 'slurp' blocks the thread inside coroutine 'persist'; every other task on this executor stalls until it returns (category: file-io) [async-blocking-call]
  // CHECK-NOTES: vendor_storage.h:{{[0-9]+}}:17: note: 'slurp' calls 'std::basic_ifstream::basic_ifstream', which blocks{{.*}}
  co_return;
}
// With FollowLibraryCalls off, only database entries are recognised there.
// CHECK-NOTES-NOFOLLOW-NOT: warning:

// ---- standalone Asio, awaited asynchronously: silent

awaitable<void> echo(tcp::socket socket) {
  char data[1024];
  for (;;) {
    std::size_t n = co_await socket.async_read_some(asio::buffer(data), use_awaitable);
    co_await asio::async_write(socket, asio::buffer(data, n), use_awaitable);
  }
}

awaitable<void> listener(tcp::acceptor &acceptor) {
  auto executor = co_await asio::this_coro::executor;
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(use_awaitable);
    asio::co_spawn(executor, echo(std::move(socket)), asio::detached);
  }
}

awaitable<std::string> fetch(tcp::resolver &resolver, tcp::socket &socket) {
  auto endpoints = co_await resolver.async_resolve("example.com", "80", use_awaitable);
  co_await asio::async_connect(socket, endpoints, use_awaitable);
  std::string reply;
  co_await asio::async_read_until(socket, asio::dynamic_buffer(reply), "\r\n", use_awaitable);
  asio::steady_timer timer(co_await asio::this_coro::executor);
  timer.expires_after(std::chrono::milliseconds(100));
  co_await timer.async_wait(use_awaitable);
  auto [ec, n] = co_await socket.async_read_some(asio::buffer(reply), asio::experimental::as_tuple(use_awaitable));
  (void)ec;
  (void)n;
  co_return reply;
}

awaitable<void> with_timeout(tcp::socket &socket, asio::steady_timer &timer) {
  using namespace asio::experimental::awaitable_operators;
  char data[64];
  co_await (socket.async_read_some(asio::buffer(data), use_awaitable) ||
            timer.async_wait(use_awaitable));
  asio::strand<asio::any_io_executor> strand(co_await asio::this_coro::executor);
  co_await asio::post(strand, use_awaitable);
  co_await asio::dispatch(asio::bind_executor(strand, use_awaitable));
}

// ---- the standard library's own code and destructors that do not block

cppcoro::task<std::size_t> bookkeeping(std::mutex &m, std::vector<std::string> &log) {
  {
    std::unique_lock<std::mutex> lock(m, std::defer_lock);
    std::string line = "entry";
    log.push_back(line);
  }
  std::vector<std::string> copy = log;
  co_return copy.size();
}
