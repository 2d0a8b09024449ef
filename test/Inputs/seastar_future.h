// A future in the shape of seastar::future<T...>: not a coroutine task type by
// itself (its promise comes from a coroutine_traits specialization), awaitable
// through a free operator co_await.
#pragma once
#include <chrono>
#include <coroutine>
#include <utility>

namespace seastar {
template <typename... T> class future {
public:
  bool available() const noexcept;
  bool failed() const noexcept;
  template <typename F> auto then(F &&f) -> future<>;
  future<T...> discard_result() noexcept;
};

template <typename... T> future<T...> make_ready_future(T &&...v);
future<> sleep(std::chrono::milliseconds);

namespace internal {
template <typename... T> struct awaiter {
  future<T...> f;
  bool await_ready() const noexcept { return f.available(); }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() {}
};

template <typename... T> struct coroutine_promise {
  future<T...> get_return_object() noexcept { return {}; }
  std::suspend_never initial_suspend() noexcept { return {}; }
  std::suspend_never final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept {}
  void return_void() noexcept {}
};
} // namespace internal

template <typename... T> auto operator co_await(future<T...> f) noexcept {
  return internal::awaiter<T...>{std::move(f)};
}
} // namespace seastar

template <typename... T, typename... Args>
struct std::coroutine_traits<seastar::future<T...>, Args...> {
  using promise_type = seastar::internal::coroutine_promise<T...>;
};
