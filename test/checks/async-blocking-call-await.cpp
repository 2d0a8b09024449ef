// RUN: %check_async_lint %s %t -- %cxx20

// What a co_await does besides evaluating its operand (operator co_await,
// await_transform, await_ready, await_suspend, await_resume) runs on the
// awaiting coroutine's thread: when it blocks, the co_await gains nothing.

#include "cppcoro_task.h"
#include "fake_async_io.h"

#include <chrono>
#include <coroutine>
#include <string>
#include <thread>
#include <unistd.h>

// ---- an awaiter of the project, ready at once, that reads synchronously

struct recv_awaiter {
  int fd;
  bool await_ready() { return true; }
  void await_suspend(std::coroutine_handle<>) {}
  std::string await_resume() {
    char b[64];
    ::read(fd, b, sizeof b);
    return b;
  }
};
recv_awaiter recv_message(int fd);

cppcoro::task<> handler(int fd) {
  std::string m = co_await recv_message(fd);
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: 'co_await recv_message(fd)' blocks the thread inside coroutine 'handler': 'recv_awaiter::await_resume' calls '::read'; awaiting it gains nothing, every other task on this executor stalls (category: file-io) [async-blocking-call]
  // CHECK-NOTES: :[[@LINE-8]]:5: note: 'recv_awaiter::await_resume' calls '::read', which blocks; instead: co_await stream.async_read_some(buffer, asio::use_awaitable) on a non-blocking descriptor
}
