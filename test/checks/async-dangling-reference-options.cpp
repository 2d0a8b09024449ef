// RUN: %check_async_lint %s %t -- %cxx20
// RUN: %check_async_lint --check-suffix=LISTED %s %t \
// RUN:   --config="{CheckOptions: {async-dangling-reference.Spawners: 'net::post_detached;net::Pool::launch', async-dangling-reference.Awaiters: 'net::run_now'}}" \
// RUN:   -- %cxx20
// The options are written back under the same names.
// RUN: %async-lint --checks='-*,async-dangling-reference' \
// RUN:   --config="{CheckOptions: {async-dangling-reference.Spawners: 'net::post_detached;net::Pool::launch', async-dangling-reference.Awaiters: 'net::run_now'}}" \
// RUN:   --dump-config %s -- %cxx20 | FileCheck %s --check-prefix=DUMP
// DUMP-DAG: async-dangling-reference.Spawners: 'net::post_detached;net::Pool::launch'
// DUMP-DAG: async-dangling-reference.Awaiters: 'net::run_now'

// Spawners: functions (or methods) that start a task and return before it
// finishes. Awaiters: functions that run the task before they return (or
// return an awaitable that does). Both add to the built-in list
// (checks/data/task-handoffs.yaml). An unlisted function says nothing.

#include "cppcoro_task.h"

#include <string>

namespace net {
void post_detached(cppcoro::task<void> task);
class Pool {
public:
  void launch(cppcoro::task<void> task);
};
void run_now(cppcoro::task<void> task);
} // namespace net

cppcoro::task<void> send(const std::string &text);
std::string load_banner();

void spawn(net::Pool &pool) {
  net::post_detached(send(load_banner()));
  // CHECK-MESSAGES-LISTED: :[[@LINE-1]]:22: warning: 'send' is a lazy coroutine; its parameter 'text' refers to a temporary 'std::string' that is destroyed at the end of this statement, before the task runs (it is spawned by 'net::post_detached' and runs later);
  std::string banner = load_banner();
  pool.launch(send(banner));
  // CHECK-MESSAGES-LISTED: :[[@LINE-1]]:15: warning: 'send' is a lazy coroutine; its parameter 'text' refers to local variable 'banner', which is destroyed when 'spawn' returns, while the task can still run (it is spawned by 'net::Pool::launch' and runs later);
}

void run_later() {
  auto t = send(load_banner());
  // CHECK-MESSAGES-LISTED: :[[@LINE-1]]:12: warning: 'send' is a lazy coroutine; its parameter 'text' refers to a temporary 'std::string' that is destroyed at the end of this statement, before the task runs (it is run by 'net::run_now' at line [[@LINE+1]]);
  net::run_now(std::move(t));
}

// In place within the statement: never reported.
void run_in_place() { net::run_now(send(load_banner())); }
