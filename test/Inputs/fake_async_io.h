// A third-party I/O library, included as a system header, whose API looks
// asynchronous (it returns awaiters and tasks, so callers write co_await)
// while part of it is synchronous underneath. The other part really
// suspends: it hands the coroutine to its event loop and resumes it later.
#pragma once
#include <coroutine>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include "cppcoro_task.h"

namespace fakeio {

namespace detail {
inline std::string read_all(int fd) {
  char buffer[256];
  ssize_t n = ::read(fd, buffer, sizeof buffer);
  return std::string(buffer, n > 0 ? static_cast<size_t>(n) : 0);
}
} // namespace detail

// Ready at once: await_resume() reads on the awaiting thread.
struct read_awaiter {
  int fd;
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  std::string await_resume() { return detail::read_all(fd); }
};
inline read_awaiter read_message(int fd) { return read_awaiter{fd}; }

// "Suspends", sleeps, and resumes on the spot.
struct backoff_awaiter {
  unsigned seconds;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) {
    ::sleep(seconds);
    h.resume();
  }
  void await_resume() noexcept {}
};
inline backoff_awaiter backoff(unsigned seconds) { return {seconds}; }

// A coroutine whose body blocks before its first suspension.
inline cppcoro::task<std::size_t> send_all(int fd, std::string data) {
  ssize_t n = ::send(fd, data.data(), data.size(), 0);
  co_return n > 0 ? static_cast<std::size_t>(n) : 0;
}

// The real thing: the handle goes to the loop, which resumes it when the
// descriptor is ready; await_resume() then reads what is there.
class event_loop {
public:
  void watch(int fd, std::coroutine_handle<> h) {
    std::lock_guard<std::mutex> lock(mutex_);
    waiting_.push_back({fd, h});
  }

private:
  struct waiter {
    int fd;
    std::coroutine_handle<> handle;
  };
  std::mutex mutex_;
  std::deque<waiter> waiting_;
};

struct readable_awaiter {
  event_loop &loop;
  int fd;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) { loop.watch(fd, h); }
  std::string await_resume() {
    char buffer[256];
    ssize_t n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
    return std::string(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
  }
};
inline readable_awaiter async_read(event_loop &loop, int fd) { return {loop, fd}; }

// Resumes the coroutine on a thread of its own.
struct resume_on_new_thread {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) {
    std::thread([h] { h.resume(); }).detach();
  }
  void await_resume() noexcept {}
};

// Returns an awaiter without being a coroutine: only the awaiter's methods
// matter, not the function that builds it.
template <typename CompletionToken>
auto async_wait_readable(event_loop &loop, int fd, CompletionToken &&token) {
  (void)token;
  ::recv(fd, nullptr, 0, MSG_PEEK | MSG_DONTWAIT);
  return readable_awaiter{loop, fd};
}
struct use_awaiter_t {};
inline constexpr use_awaiter_t use_awaiter{};

} // namespace fakeio
