// A lazy coro::task<T> in the shape of libcoro's, with its blocking bridge
// coro::sync_wait (a plain function template).
#pragma once
#include <coroutine>
#include <exception>
#include <utility>

namespace coro {
template <typename return_type = void> class task;

namespace detail {
template <typename return_type> struct promise {
  task<return_type> get_return_object() noexcept;
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept {}
  void return_value(return_type v) { value = std::move(v); }
  return_type value{};
};
template <> struct promise<void> {
  task<void> get_return_object() noexcept;
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept {}
  void return_void() noexcept {}
};
} // namespace detail

template <typename return_type> class [[nodiscard]] task {
public:
  using promise_type = detail::promise<return_type>;
  explicit task(std::coroutine_handle<promise_type> h) : handle(h) {}
  task(task &&t) noexcept : handle(std::exchange(t.handle, {})) {}
  ~task() {
    if (handle)
      handle.destroy();
  }
  bool await_ready() const noexcept { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<>) noexcept { return handle; }
  return_type await_resume();

  std::coroutine_handle<promise_type> handle;
};

namespace detail {
template <typename return_type> task<return_type> promise<return_type>::get_return_object() noexcept {
  return task<return_type>{std::coroutine_handle<promise>::from_promise(*this)};
}
inline task<void> promise<void>::get_return_object() noexcept {
  return task<void>{std::coroutine_handle<promise>::from_promise(*this)};
}
} // namespace detail

// Runs the awaitable to completion on the calling thread.
template <typename awaitable_type>
auto sync_wait(awaitable_type &&a) -> decltype(std::declval<awaitable_type>().await_resume());
} // namespace coro
