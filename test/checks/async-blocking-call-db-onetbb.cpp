// RUN: %python %S/../verify_blocking_db.py %async-lint %s -- %cxx20

// Every oneTBB entry of checks/data/blocking-calls.yaml, called from a
// coroutine against the real headers (libtbb-dev 2021.8). The line after each
// call names the entry it exercises. oneTBB declares its API in versioned
// namespaces (tbb::detail::d1) and exports it into tbb with using-declarations;
// the entries name the declarations.

#include "cppcoro_task.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/collaborative_call_once.h>
#include <oneapi/tbb/concurrent_queue.h>
#include <oneapi/tbb/flow_graph.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/mutex.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_for_each.h>
#include <oneapi/tbb/parallel_invoke.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/parallel_reduce.h>
#include <oneapi/tbb/parallel_scan.h>
#include <oneapi/tbb/parallel_sort.h>
#include <oneapi/tbb/queuing_mutex.h>
#include <oneapi/tbb/spin_mutex.h>
#include <oneapi/tbb/spin_rw_mutex.h>
#include <oneapi/tbb/task_arena.h>
#include <oneapi/tbb/task_group.h>
#include <vector>

cppcoro::task<> algorithms(std::vector<int> &v, tbb::task_group &tg, tbb::task_arena &arena, tbb::flow::graph &g) {
  auto body = [](int) {};
  tbb::parallel_for(0, 10, body);
  // ENTRY: ::tbb::detail::d1::parallel_for
  tbb::parallel_for(tbb::blocked_range<int>(0, 10), [](const tbb::blocked_range<int> &) {});
  // ENTRY: ::tbb::detail::d1::parallel_for
  tbb::parallel_for_each(v.begin(), v.end(), body);
  // ENTRY: ::tbb::detail::d2::parallel_for_each
  tbb::blocked_range<int> range(0, 10);
  auto partial = [](const tbb::blocked_range<int> &, int init) { return init; };
  auto scan = [](const tbb::blocked_range<int> &, int sum, bool) { return sum; };
  auto plus = [](int a, int b) { return a + b; };
  tbb::parallel_reduce(range, 0, partial, plus);
  // ENTRY: ::tbb::detail::d1::parallel_reduce
  tbb::parallel_deterministic_reduce(range, 0, partial, plus);
  // ENTRY: ::tbb::detail::d1::parallel_deterministic_reduce
  tbb::parallel_scan(range, 0, scan, plus);
  // ENTRY: ::tbb::detail::d1::parallel_scan
  tbb::parallel_sort(v.begin(), v.end());
  // ENTRY: ::tbb::detail::d1::parallel_sort
  tbb::parallel_invoke([] {}, [] {});
  // ENTRY: ::tbb::detail::d1::parallel_invoke
  auto stage = tbb::make_filter<void, void>(tbb::filter_mode::serial_in_order, [](tbb::flow_control &fc) { fc.stop(); });
  tbb::parallel_pipeline(4, stage);
  // ENTRY: ::tbb::detail::d1::parallel_pipeline
  tg.run([] {}); // schedules and returns
  tg.wait();
  // ENTRY: ::tbb::detail::d1::task_group::wait
  tg.run_and_wait([] {});
  // ENTRY: ::tbb::detail::d1::task_group::run_and_wait
  arena.enqueue([] {}); // schedules and returns
  arena.execute([] {});
  // ENTRY: ::tbb::detail::d1::task_arena::execute
  g.wait_for_all();
  // ENTRY: ::tbb::detail::d1::graph::wait_for_all
  tbb::collaborative_once_flag flag;
  tbb::collaborative_call_once(flag, [] {});
  // ENTRY: ::tbb::detail::d1::collaborative_call_once
  tbb::task_scheduler_handle handle{tbb::attach{}};
  tbb::finalize(handle);
  // ENTRY: ::tbb::detail::d1::finalize
  co_return;
}

cppcoro::task<> queues(tbb::concurrent_bounded_queue<int> &q, tbb::concurrent_queue<int> &unbounded) {
  int x = 0;
  q.pop(x);
  // ENTRY: ::tbb::detail::d2::concurrent_bounded_queue::pop
  q.push(1);
  // ENTRY: ::tbb::detail::d2::concurrent_bounded_queue::push
  q.emplace(1);
  // ENTRY: ::tbb::detail::d2::concurrent_bounded_queue::emplace
  q.try_pop(x);  // returns at once
  q.try_push(1); // returns at once
  unbounded.push(1); // never waits
  co_return;
}

cppcoro::task<> locks(tbb::spin_mutex &sm, tbb::mutex &m, tbb::spin_rw_mutex &rw, tbb::queuing_mutex &qm) {
  sm.lock();
  // ENTRY: ::tbb::detail::d1::spin_mutex::lock
  m.lock();
  // ENTRY: ::tbb::detail::d1::mutex::lock
  rw.lock();
  // ENTRY: ::tbb::detail::d1::spin_rw_mutex::lock
  rw.lock_shared();
  // ENTRY: ::tbb::detail::d1::spin_rw_mutex::lock_shared
  sm.try_lock(); // returns at once
  {
    tbb::queuing_mutex::scoped_lock lock(qm);
    // ENTRY: ::tbb::detail::d1::queuing_mutex::scoped_lock::scoped_lock
  }
  co_return;
}
