// Spawners of the coroutine libraries, in the shapes of their real APIs: each
// starts a task that keeps running after the call returns (cppcoro's
// async_scope, libcoro's thread_pool, folly's AsyncScope, stdexec's
// async_scope and start_detached). Only the declarations the tests call.
#pragma once
#include "cppcoro_task.h"
#include "folly_task.h"
#include "libcoro_task.h"

namespace cppcoro {
class async_scope {
public:
  template <typename Awaitable> void spawn(Awaitable &&awaitable);
  task<void> join();
};
} // namespace cppcoro

namespace coro {
class thread_pool {
public:
  bool spawn(task<void> &&t) noexcept;
};
} // namespace coro

namespace folly::coro {
class AsyncScope {
public:
  void add(Task<void> &&task);
  Task<void> joinAsync();
};
} // namespace folly::coro

namespace stdexec {
template <class Sender> void start_detached(Sender &&sndr);
} // namespace stdexec
