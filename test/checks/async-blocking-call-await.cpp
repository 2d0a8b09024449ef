// RUN: %check_async_lint %s %t -- %cxx20

// What a co_await does besides evaluating its operand (operator co_await,
// await_transform, await_ready, await_suspend, await_resume) runs on the
// awaiting coroutine's thread: when it blocks, the co_await gains nothing.

#include "cppcoro_task.h"
#include "fake_async_io.h"

#include <chrono>
#include <deque>
#include <mutex>
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
  // CHECK-NOTES: :[[@LINE-9]]:5: note: 'recv_awaiter::await_resume' calls '::read', which blocks; instead: co_await stream.async_read_some(buffer, asio::use_awaitable) on a non-blocking descriptor
}

// ---- an awaiter that "suspends", sleeps, and resumes on the spot

struct sleepy_awaiter {
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<> h) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    h.resume();
  }
  void await_resume() {}
};

cppcoro::task<> throttle() {
  co_await sleepy_awaiter{};
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await sleepy_awaiter{}' blocks the thread inside coroutine 'throttle': 'sleepy_awaiter::await_suspend' calls 'std::this_thread::sleep_for'; awaiting it gains nothing, every other task on this executor stalls (category: sleep) [async-blocking-call]
  // CHECK-NOTES: :[[@LINE-9]]:5: note: 'sleepy_awaiter::await_suspend' calls 'std::this_thread::sleep_for', which blocks; instead: {{.*}}
}

// ---- operator co_await, through a helper

int read_status(int fd) {
  char c = 0;
  ::read(fd, &c, 1);
  return c;
}

struct status_request {
  int fd;
  struct awaiter {
    int status;
    bool await_ready() { return true; }
    void await_suspend(std::coroutine_handle<>) {}
    int await_resume() { return status; }
  };
  awaiter operator co_await() { return awaiter{read_status(fd)}; }
};

cppcoro::task<int> poll_status(int fd) {
  int status = co_await status_request{fd};
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: 'co_await status_request{fd}' blocks the thread inside coroutine 'poll_status': 'status_request::operator co_await' reaches '::read'; awaiting it gains nothing, every other task on this executor stalls (category: file-io) [async-blocking-call]
  // CHECK-NOTES: :[[@LINE-6]]:48: note: 'status_request::operator co_await' calls 'read_status'{{$}}
  // CHECK-NOTES: :[[@LINE-19]]:3: note: 'read_status' calls '::read', which blocks; instead: {{.*}}
  co_return status;
}

// ---- the promise's await_transform

struct logged_task {
  struct promise_type {
    logged_task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
    template <typename A> A &&await_transform(A &&a) {
      ::fsync(2);
      return static_cast<A &&>(a);
    }
  };
};

logged_task audited() {
  co_await std::suspend_never{};
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await std::suspend_never{}' blocks the thread inside coroutine 'audited': 'promise_type::await_transform' calls '::fsync'; awaiting it gains nothing, every other task on this executor stalls (category: file-io) [async-blocking-call]
  // CHECK-NOTES: :[[@LINE-9]]:7: note: 'promise_type::await_transform' calls '::fsync', which blocks{{.*}}
}

// ---- a third-party library on a system include path

cppcoro::task<> relay(int in, int out) {
  std::string message = co_await fakeio::read_message(in);
  // CHECK-NOTES: :[[@LINE-1]]:25: warning: 'co_await fakeio::read_message(in)' blocks the thread inside coroutine 'relay': 'read_awaiter::await_resume' reaches '::read'; awaiting it gains nothing, every other task on this executor stalls (category: file-io) [async-blocking-call]
  // CHECK-NOTES: fake_async_io.h:{{[0-9]+}}:{{[0-9]+}}: note: 'read_awaiter::await_resume' calls 'read_all'{{$}}
  // CHECK-NOTES: fake_async_io.h:{{[0-9]+}}:{{[0-9]+}}: note: 'read_all' calls '::read', which blocks{{.*}}
  co_await fakeio::backoff(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await fakeio::backoff(1)' blocks the thread inside coroutine 'relay': 'backoff_awaiter::await_suspend' calls '::sleep'; awaiting it gains nothing, every other task on this executor stalls (category: sleep) [async-blocking-call]
  // CHECK-NOTES: fake_async_io.h:{{[0-9]+}}:{{[0-9]+}}: note: 'backoff_awaiter::await_suspend' calls '::sleep', which blocks{{.*}}
  std::size_t sent = co_await fakeio::send_all(out, message);
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: 'co_await fakeio::send_all(out, message)' blocks the thread inside coroutine 'relay': 'send_all' calls '::send'; awaiting it gains nothing, every other task on this executor stalls (category: network-io) [async-blocking-call]
  // CHECK-NOTES: fake_async_io.h:{{[0-9]+}}:{{[0-9]+}}: note: 'send_all' calls '::send', which blocks{{.*}}
  (void)sent;
}

// ---- must stay silent

// A coroutine of the project that blocks is reported in its own body, once,
// not again where it is awaited.
cppcoro::task<int> load_counter(int fd) {
  char c = 0;
  ::read(fd, &c, 1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'read' blocks the thread inside coroutine 'load_counter'; {{.*}}
  co_return c;
}

cppcoro::task<> use_counter(int fd) {
  int a = co_await load_counter(fd);
  int b = co_await load_counter(fd);
  (void)a;
  (void)b;
}

// Awaiters of the library that hand the coroutine to its event loop or to
// another thread: what they do after resumption is not on this thread's
// account.
cppcoro::task<> really_async(fakeio::event_loop &loop, int fd) {
  std::string a = co_await fakeio::async_read(loop, fd);
  std::string b = co_await fakeio::async_wait_readable(loop, fd, fakeio::use_awaiter);
  co_await fakeio::resume_on_new_thread{};
  co_await std::suspend_always{};
  (void)a;
  (void)b;
}

// An awaiter of the project that schedules the coroutine on a pool: its lock
// is held for a moment, the handle is resumed by a worker.
class thread_pool {
public:
  struct schedule_awaiter {
    thread_pool &pool;
    bool await_ready() noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h) {
      std::lock_guard<std::mutex> lock(pool.mutex_);
      pool.queue_.push_back(h);
    }
    void await_resume() noexcept {}
  };
  schedule_awaiter schedule() { return {*this}; }

private:
  std::mutex mutex_;
  std::deque<std::coroutine_handle<>> queue_;
};

cppcoro::task<> on_pool(thread_pool &pool) {
  co_await pool.schedule();
}

// Ready awaiters that do nothing blocking.
struct ready_value {
  int value;
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  int await_resume() const noexcept { return value; }
};

cppcoro::task<int> ready_values() {
  int a = co_await ready_value{1};
  int b = co_await ready_value{a + 1};
  co_return a + b;
}

// A generator whose yield_value only stores the value.
struct int_generator {
  struct promise_type {
    int current = 0;
    int_generator get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(int v) {
      current = v;
      return {};
    }
    void return_void() {}
    void unhandled_exception() {}
  };
};

int_generator counter() {
  for (int i = 0; i < 3; ++i)
    co_yield i;
}
