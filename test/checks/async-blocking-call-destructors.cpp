// RUN: %check_async_lint %s %t -- %cxx20

// Destructors run implicitly in a coroutine body (a local at the end of its
// scope, a temporary at the end of its statement) are calls too: a
// std::jthread joins, and the future std::async returns waits for its task.

#include "cppcoro_task.h"

#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

void crunch();

// ---- std::async: the future's destructor waits

cppcoro::task<> fire_and_forget_work() {
  std::async(std::launch::async, crunch);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::async' blocks the thread inside coroutine 'fire_and_forget_work': the discarded future's destructor waits for the task: this call is synchronous; instead: {{.*}} (category: wait) [async-blocking-call]
  (void)std::async(crunch);
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: 'std::async' blocks the thread inside coroutine 'fire_and_forget_work': the discarded future's destructor waits {{.*}}
  co_return;
}

cppcoro::task<int> kept_but_never_waited() {
  auto pending = std::async(std::launch::async, crunch);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: 'std::async' blocks the thread inside coroutine 'kept_but_never_waited': the result kept in 'pending' is never waited for, and its destructor waits for the task at the end of its scope; instead: {{.*}} (category: wait) [async-blocking-call]
  // CHECK-NOTES: :[[@LINE+2]]:1: note: 'pending' is destroyed here, waiting for the task
  co_return 1;
}

// ---- a std::jthread joins when destroyed

cppcoro::task<> background_flush() {
  std::jthread flusher([] { crunch(); });
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: 'std::jthread::~jthread' blocks the thread inside coroutine 'background_flush' when 'flusher' is destroyed at the end of its scope; every other task on this executor stalls until it returns; instead: {{.*}} (category: wait) [async-blocking-call]
  // CHECK-NOTES: :[[@LINE+2]]:1: note: 'flusher' is destroyed here
  co_return;
}

cppcoro::task<> scoped_worker(bool enabled) {
  if (enabled) {
    std::jthread worker(crunch);
    // CHECK-NOTES: :[[@LINE-1]]:18: warning: 'std::jthread::~jthread' blocks the thread inside coroutine 'scoped_worker' when 'worker' is destroyed at the end of its scope{{.*}}
    // CHECK-NOTES: :[[@LINE+1]]:3: note: 'worker' is destroyed here
  }
  std::jthread{crunch};
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::jthread::~jthread' blocks the thread inside coroutine 'scoped_worker' when the temporary is destroyed at the end of the statement{{.*}}
  co_return;
}

// ---- a destructor of the project that joins

class Worker {
public:
  Worker() : thread_(crunch) {}
  ~Worker() {
    if (thread_.joinable())
      thread_.join();
  }

private:
  std::thread thread_;
};

cppcoro::task<> with_worker() {
  Worker w;
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: 'Worker::~Worker' blocks the thread inside coroutine 'with_worker' when 'w' is destroyed at the end of its scope; every other task on this executor stalls until it returns (category: wait) [async-blocking-call]
  // CHECK-NOTES: :[[@LINE+3]]:1: note: 'w' is destroyed here
  // CHECK-NOTES: :[[@LINE-11]]:15: note: 'Worker::~Worker' calls 'std::thread::join', which blocks{{.*}}
  co_return;
}

// ---- must stay silent

// Futures that do not come from std::async do not wait when destroyed.
cppcoro::task<> promised(std::promise<int> &promise) {
  std::future<int> result = promise.get_future();
  std::packaged_task<int()> job([] { return 1; });
  std::future<int> job_result = job.get_future();
  job();
  co_return;
}

// A deferred std::async runs only when waited for.
cppcoro::task<> deferred_work() {
  std::async(std::launch::deferred, crunch);
  auto lazy = std::async(std::launch::deferred, crunch);
  co_return;
}

// Kept and handed on, or waited for (the wait is what blocks, and is
// reported as such elsewhere): the destructor has nothing left to wait for.
cppcoro::task<> handed_on(std::vector<std::future<void>> &pending,
                          std::vector<std::jthread> &threads) {
  auto moved = std::async(std::launch::async, crunch);
  pending.push_back(std::move(moved));
  pending.push_back(std::async(std::launch::async, crunch));
  std::jthread t(crunch);
  threads.push_back(std::move(t));
  std::jthread detached(crunch);
  detached.detach();
  co_return;
}

std::future<void> start_work() { return std::async(std::launch::async, crunch); }

cppcoro::task<> returned_future(std::vector<std::future<void>> &pending) {
  pending.push_back(start_work());
  co_return;
}

// RAII types whose destructors do not block.
cppcoro::task<std::string> raii(std::mutex &m) {
  std::unique_lock<std::mutex> lock(m, std::try_to_lock);
  std::lock_guard<std::mutex> guard(m, std::adopt_lock);
  std::string text = "value";
  std::vector<std::string> words{text, text};
  std::string joined = words[0] + words[1];
  co_return joined;
}

// Outside coroutines, nothing is reported.
void plain() {
  std::async(std::launch::async, crunch);
  std::jthread t(crunch);
}
