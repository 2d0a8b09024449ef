// An eager, non-[[nodiscard]] result<T> in the shape of concurrencpp's: the
// promise is chosen by a std::coroutine_traits specialization and does not
// suspend initially; result<T> is awaitable through a member operator co_await.
#pragma once
#include <coroutine>
#include <exception>
#include <memory>
#include <utility>

namespace concurrencpp {
template <class T> class result;

namespace details {
template <class T> struct result_state {
  T value{};
  std::exception_ptr exception;
  std::coroutine_handle<> continuation;
};
template <> struct result_state<void> {
  std::exception_ptr exception;
  std::coroutine_handle<> continuation;
};

template <class T> struct result_promise_base {
  std::shared_ptr<result_state<T>> state = std::make_shared<result_state<T>>();
  result<T> get_return_object() noexcept;
  std::suspend_never initial_suspend() const noexcept { return {}; }
  std::suspend_never final_suspend() const noexcept { return {}; }
  void unhandled_exception() noexcept { state->exception = std::current_exception(); }
};
template <class T> struct result_promise : result_promise_base<T> {
  void return_value(T v) { this->state->value = std::move(v); }
};
template <> struct result_promise<void> : result_promise_base<void> {
  void return_void() noexcept {}
};

template <class T> struct result_awaiter {
  std::shared_ptr<result_state<T>> state;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) noexcept { state->continuation = h; }
  T await_resume() {
    if constexpr (!std::is_void_v<T>)
      return std::move(state->value);
  }
};
// co_await r.resolve() waits for the result without consuming its value:
// it resumes with the result itself, ready (r is left empty).
template <class T> struct resolve_awaiter {
  result<T> *self;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  result<T> await_resume();
};
} // namespace details

enum class result_status { idle, value, exception };

template <class T> class result {
public:
  result() noexcept = default;
  explicit result(std::shared_ptr<details::result_state<T>> s) noexcept : state(std::move(s)) {}
  result(result &&) noexcept = default;
  result &operator=(result &&) noexcept = default;
  explicit operator bool() const noexcept { return static_cast<bool>(state); }
  T get();
  void wait();
  result_status status() const;
  details::resolve_awaiter<T> resolve() { return {this}; }
  auto operator co_await() { return details::result_awaiter<T>{std::move(state)}; }

private:
  std::shared_ptr<details::result_state<T>> state;
};

namespace details {
template <class T> result<T> result_promise_base<T>::get_return_object() noexcept {
  return result<T>{state};
}
} // namespace details

class executor {
public:
  virtual ~executor() = default;
  template <class F> auto submit(F &&f) -> result<decltype(f())>;
  template <class F> void post(F &&f);
};

class runtime {
public:
  std::shared_ptr<executor> thread_pool_executor() const;
  std::shared_ptr<executor> background_executor() const;
};
} // namespace concurrencpp

template <class T, class... Args>
struct std::coroutine_traits<::concurrencpp::result<T>, Args...> {
  using promise_type = concurrencpp::details::result_promise<T>;
};
