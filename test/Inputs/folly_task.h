// A lazy Task<T> in the shape of folly::coro's: no operator co_await of its
// own; folly coroutines accept it through a generic await_transform. semi()
// turns it into a SemiFuture, awaitable through a free operator co_await.
#pragma once
#include <coroutine>
#include <exception>
#include <utility>

namespace folly {
class Executor {};

template <class T> class SemiFuture {
public:
  T get() &&;
  SemiFuture &wait() &;
  bool isReady() const;
};

// A Future bound to an executor; get() and wait() block the calling thread.
template <class T> class Future {
public:
  T get() &&;
  Future &wait() &;
  bool isReady() const;
  SemiFuture<T> semi() &&;
};

template <class T> struct SemiFutureAwaiter {
  SemiFuture<T> future;
  bool await_ready() { return future.isReady(); }
  void await_suspend(std::coroutine_handle<>) {}
  T await_resume() { return std::move(future).get(); }
};
template <class T> SemiFutureAwaiter<T> operator co_await(SemiFuture<T> &&f) {
  return {std::move(f)};
}
template <class T> SemiFutureAwaiter<T> operator co_await(Future<T> &&f) {
  return {std::move(f).semi()};
}

namespace coro {
template <class T = void> class Task;

// Awaitables other than tasks pass through unchanged.
template <class A> A &&co_viaIfAsync(A &&a) { return std::forward<A>(a); }

template <class T> class TaskPromise {
public:
  Task<T> get_return_object() noexcept;
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept {}
  template <class U> void return_value(U &&v) { value = std::forward<U>(v); }

  template <class Awaitable> decltype(auto) await_transform(Awaitable &&awaitable) {
    return co_viaIfAsync(std::forward<Awaitable>(awaitable));
  }

  T value{};
};
template <> class TaskPromise<void> {
public:
  Task<void> get_return_object() noexcept;
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept {}
  void return_void() noexcept {}
  template <class Awaitable> decltype(auto) await_transform(Awaitable &&awaitable) {
    return co_viaIfAsync(std::forward<Awaitable>(awaitable));
  }
};

template <class T> class [[nodiscard]] Task {
public:
  using promise_type = TaskPromise<T>;
  explicit Task(std::coroutine_handle<promise_type> h) : coro(h) {}
  Task(Task &&t) noexcept : coro(std::exchange(t.coro, {})) {}
  ~Task() {
    if (coro)
      coro.destroy();
  }
  SemiFuture<T> semi() &&;
  Task<T> scheduleOn(Executor *) &&;

  std::coroutine_handle<promise_type> coro;
};

template <class T> struct TaskAwaiter {
  Task<T> task;
  bool await_ready() { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<>) { return task.coro; }
  T await_resume();
};

template <class U> TaskAwaiter<U> co_viaIfAsync(Task<U> &&task) {
  return TaskAwaiter<U>{std::move(task)};
}
template <class T> Task<T> TaskPromise<T>::get_return_object() noexcept {
  return Task<T>{std::coroutine_handle<TaskPromise>::from_promise(*this)};
}
inline Task<void> TaskPromise<void>::get_return_object() noexcept {
  return Task<void>{std::coroutine_handle<TaskPromise>::from_promise(*this)};
}

template <class T> T blockingWait(Task<T> &&task);
template <class... T> Task<void> collectAll(T &&...tasks);
} // namespace coro
} // namespace folly
