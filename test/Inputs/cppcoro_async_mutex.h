// cppcoro::async_mutex in the shape of cppcoro/async_mutex.hpp: lock_async()
// and scoped_lock_async() return awaiters; the guard, async_mutex_lock,
// unlocks in its destructor. Awaiting the lock suspends instead of blocking.
#pragma once
#include <coroutine>
#include <mutex>

namespace cppcoro {
class async_mutex;

class async_mutex_lock {
public:
  explicit async_mutex_lock(async_mutex &mutex, std::adopt_lock_t) noexcept
      : mutex(&mutex) {}
  async_mutex_lock(async_mutex_lock &&other) noexcept : mutex(other.mutex) {
    other.mutex = nullptr;
  }
  ~async_mutex_lock();

private:
  async_mutex *mutex;
};

class async_mutex_lock_operation {
public:
  explicit async_mutex_lock_operation(async_mutex &mutex) noexcept
      : mutex(mutex) {}
  bool await_ready() const noexcept { return false; }
  bool await_suspend(std::coroutine_handle<> awaiter) noexcept;
  void await_resume() const noexcept {}

protected:
  async_mutex &mutex;
};

class async_mutex_scoped_lock_operation : public async_mutex_lock_operation {
public:
  using async_mutex_lock_operation::async_mutex_lock_operation;
  [[nodiscard]] async_mutex_lock await_resume() const noexcept {
    return async_mutex_lock{mutex, std::adopt_lock};
  }
};

class async_mutex {
public:
  async_mutex() noexcept;
  ~async_mutex();
  bool try_lock() noexcept;
  async_mutex_lock_operation lock_async() noexcept {
    return async_mutex_lock_operation{*this};
  }
  async_mutex_scoped_lock_operation scoped_lock_async() noexcept {
    return async_mutex_scoped_lock_operation{*this};
  }
  void unlock();
};

inline async_mutex_lock::~async_mutex_lock() {
  if (mutex)
    mutex->unlock();
}
} // namespace cppcoro
