// A lazy async_simple::coro::Lazy<T> in the shape of async_simple's, with its
// blocking bridge async_simple::coro::syncAwait.
#pragma once
#include <coroutine>
#include <exception>
#include <type_traits>
#include <utility>

namespace async_simple::coro {
template <typename T = void> class Lazy;

namespace detail {
template <typename T> struct LazyPromise {
  Lazy<T> get_return_object() noexcept;
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept {}
  void return_value(T v) { value = std::move(v); }
  T value{};
};
template <> struct LazyPromise<void> {
  Lazy<void> get_return_object() noexcept;
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept {}
  void return_void() noexcept {}
};
} // namespace detail

template <typename T> class [[nodiscard]] Lazy {
public:
  using promise_type = detail::LazyPromise<T>;
  using ValueType = T;
  explicit Lazy(std::coroutine_handle<promise_type> h) : coro(h) {}
  Lazy(Lazy &&l) noexcept : coro(std::exchange(l.coro, {})) {}
  ~Lazy() {
    if (coro)
      coro.destroy();
  }
  bool await_ready() const noexcept { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<>) noexcept { return coro; }
  T await_resume();

  std::coroutine_handle<promise_type> coro;
};

namespace detail {
template <typename T> Lazy<T> LazyPromise<T>::get_return_object() noexcept {
  return Lazy<T>{std::coroutine_handle<LazyPromise>::from_promise(*this)};
}
inline Lazy<void> LazyPromise<void>::get_return_object() noexcept {
  return Lazy<void>{std::coroutine_handle<LazyPromise>::from_promise(*this)};
}
} // namespace detail

// Starts the lazy task and blocks the calling thread until it completes.
template <typename LazyType>
auto syncAwait(LazyType &&lazy) -> typename std::decay_t<LazyType>::ValueType;
} // namespace async_simple::coro
