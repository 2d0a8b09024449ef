// A lazy task in the shape of cppcoro::task<T>: [[nodiscard]], the promise
// suspends initially, awaiting goes through operator co_await.
#pragma once
#include <coroutine>
#include <exception>
#include <utility>

namespace cppcoro {
template <typename T = void> class task;

namespace detail {
struct task_promise_base {
  struct final_awaitable {
    bool await_ready() const noexcept { return false; }
    template <typename P>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) noexcept {
      return h.promise().continuation ? h.promise().continuation
                                      : std::noop_coroutine();
    }
    void await_resume() noexcept {}
  };
  std::suspend_always initial_suspend() noexcept { return {}; }
  final_awaitable final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept { exception = std::current_exception(); }
  std::coroutine_handle<> continuation;
  std::exception_ptr exception;
};

template <typename T> struct task_promise : task_promise_base {
  task<T> get_return_object() noexcept;
  void return_value(T v) { value = std::move(v); }
  T value{};
};
template <> struct task_promise<void> : task_promise_base {
  task<void> get_return_object() noexcept;
  void return_void() noexcept {}
};
} // namespace detail

template <typename T> class [[nodiscard]] task {
public:
  using promise_type = detail::task_promise<T>;
  using value_type = T;

  struct awaitable_base {
    std::coroutine_handle<promise_type> coroutine;
    bool await_ready() const noexcept { return !coroutine || coroutine.done(); }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> awaiting) noexcept {
      coroutine.promise().continuation = awaiting;
      return coroutine;
    }
  };

  task() noexcept = default;
  explicit task(std::coroutine_handle<promise_type> h) noexcept : coroutine(h) {}
  task(task &&t) noexcept : coroutine(std::exchange(t.coroutine, {})) {}
  task &operator=(task &&t) noexcept {
    std::swap(coroutine, t.coroutine);
    return *this;
  }
  ~task() {
    if (coroutine)
      coroutine.destroy();
  }

  bool is_ready() const noexcept { return !coroutine || coroutine.done(); }

  auto operator co_await() const &&noexcept {
    struct awaitable : awaitable_base {
      decltype(auto) await_resume() {
        if constexpr (!std::is_void_v<T>)
          return std::move(this->coroutine.promise().value);
      }
    };
    return awaitable{{coroutine}};
  }
  auto operator co_await() const &noexcept {
    struct awaitable : awaitable_base {
      decltype(auto) await_resume() {
        if constexpr (!std::is_void_v<T>)
          return this->coroutine.promise().value;
      }
    };
    return awaitable{{coroutine}};
  }

private:
  std::coroutine_handle<promise_type> coroutine;
};

namespace detail {
template <typename T> task<T> task_promise<T>::get_return_object() noexcept {
  return task<T>{std::coroutine_handle<task_promise>::from_promise(*this)};
}
inline task<void> task_promise<void>::get_return_object() noexcept {
  return task<void>{std::coroutine_handle<task_promise>::from_promise(*this)};
}
} // namespace detail

// Bridges that take a task by value or reference.
template <typename T> T sync_wait(task<T> &&t);
template <typename... T> task<void> when_all(T &&...tasks);
template <typename T> task<void> when_all(T begin, T end);

// A lazy generator: a coroutine type that is not awaitable.
template <typename T> class generator {
public:
  struct promise_type {
    T current{};
    generator get_return_object() noexcept {
      return generator{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(T v) noexcept {
      current = std::move(v);
      return {};
    }
    void return_void() noexcept {}
    void unhandled_exception() {}
  };
  explicit generator(std::coroutine_handle<promise_type> h) : coroutine(h) {}
  generator(generator &&g) noexcept : coroutine(std::exchange(g.coroutine, {})) {}
  ~generator() {
    if (coroutine)
      coroutine.destroy();
  }
  bool next() {
    coroutine.resume();
    return !coroutine.done();
  }
  const T &value() const { return coroutine.promise().current; }

private:
  std::coroutine_handle<promise_type> coroutine;
};

// A thread pool whose schedule() returns an awaiter with only await_* members.
class static_thread_pool {
public:
  class schedule_operation {
  public:
    explicit schedule_operation(static_thread_pool *pool) noexcept : pool(pool) {}
    bool await_ready() noexcept { return false; }
    void await_suspend(std::coroutine_handle<> awaiting) noexcept;
    void await_resume() noexcept {}

  private:
    static_thread_pool *pool;
  };
  [[nodiscard]] schedule_operation schedule() noexcept { return schedule_operation{this}; }
};
} // namespace cppcoro
