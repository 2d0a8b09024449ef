// async_simple::coro::Mutex in the shape of async_simple/coro/Mutex.h:
// coLock() and coScopedLock() are Lazy coroutines to co_await, the guard
// ScopedLockHolder unlocks in its destructor.
#pragma once
#include "async_simple_lazy.h"
#include <mutex>

namespace async_simple::coro {
class Mutex;

class ScopedLockHolder {
public:
  explicit ScopedLockHolder(Mutex &mutex) noexcept : mutex(&mutex) {}
  ScopedLockHolder(ScopedLockHolder &&other) noexcept : mutex(other.mutex) {
    other.mutex = nullptr;
  }
  ~ScopedLockHolder();

private:
  Mutex *mutex;
};

class Mutex {
public:
  Mutex() noexcept;
  ~Mutex();
  bool tryLock() noexcept;
  Lazy<void> coLock() noexcept;
  Lazy<ScopedLockHolder> coScopedLock() noexcept;
  void unlock() noexcept;
};

inline ScopedLockHolder::~ScopedLockHolder() {
  if (mutex)
    mutex->unlock();
}
} // namespace async_simple::coro
