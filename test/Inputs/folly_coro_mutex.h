// folly::coro::Mutex and SharedMutex in the shape of folly/coro/Mutex.h and
// SharedMutex.h: co_lock() is awaited, co_scoped_lock() awaits to a
// std::unique_lock<folly::coro::Mutex> (a standard guard of an awaitable
// mutex), and unlock() resumes the next waiter.
#pragma once
#include "folly_task.h"
#include <coroutine>
#include <mutex>
#include <shared_mutex>

namespace folly::coro {
class Mutex {
  class LockOperation {
  public:
    explicit LockOperation(Mutex &mutex) noexcept : mutex(mutex) {}
    bool await_ready() noexcept { return mutex.try_lock(); }
    bool await_suspend(std::coroutine_handle<> awaiter) noexcept;
    void await_resume() noexcept {}

  private:
    Mutex &mutex;
  };
  class ScopedLockOperation {
  public:
    explicit ScopedLockOperation(Mutex &mutex) noexcept : mutex(mutex) {}
    bool await_ready() noexcept { return mutex.try_lock(); }
    bool await_suspend(std::coroutine_handle<> awaiter) noexcept;
    std::unique_lock<Mutex> await_resume() noexcept {
      return std::unique_lock<Mutex>{mutex, std::adopt_lock};
    }

  private:
    Mutex &mutex;
  };

public:
  Mutex() noexcept;
  ~Mutex();
  bool try_lock() noexcept;
  [[nodiscard]] LockOperation co_lock() noexcept { return LockOperation{*this}; }
  [[nodiscard]] ScopedLockOperation co_scoped_lock() noexcept {
    return ScopedLockOperation{*this};
  }
  void unlock() noexcept;
};

class SharedMutex {
public:
  struct LockOperation {
    bool await_ready() noexcept;
    void await_suspend(std::coroutine_handle<> awaiter) noexcept;
    std::shared_lock<SharedMutex> await_resume() noexcept;
  };
  bool try_lock_shared() noexcept;
  [[nodiscard]] LockOperation co_scoped_lock_shared() noexcept;
  void unlock_shared() noexcept;
  void unlock() noexcept;
};
} // namespace folly::coro
