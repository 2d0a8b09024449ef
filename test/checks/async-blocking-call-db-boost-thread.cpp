// RUN: %python %S/../verify_blocking_db.py %async-lint %s -- %cxx20

// Every Boost.Thread entry of checks/data/blocking-calls.yaml, called from a
// coroutine against the real headers (Boost 1.81). The line after each call
// names the entry it exercises.

#include "cppcoro_task.h"

#define BOOST_THREAD_VERSION 4
#include <boost/thread/barrier.hpp>
#include <boost/thread/condition_variable.hpp>
#include <boost/thread/future.hpp>
#include <boost/thread/latch.hpp>
#include <boost/thread/locks.hpp>
#include <boost/thread/mutex.hpp>
#include <boost/thread/recursive_mutex.hpp>
#include <boost/thread/shared_mutex.hpp>
#include <boost/thread/thread.hpp>

cppcoro::task<> threads(boost::thread &t, boost::thread_group &group) {
  boost::this_thread::sleep_for(boost::chrono::milliseconds(10));
  // ENTRY: ::boost::this_thread::sleep_for
  boost::this_thread::sleep_until(boost::chrono::steady_clock::now());
  // ENTRY: ::boost::this_thread::sleep_until
  t.join();
  // ENTRY: ::boost::thread::join
  t.try_join_for(boost::chrono::milliseconds(10));
  // ENTRY: ::boost::thread::try_join_for
  t.try_join_until(boost::chrono::steady_clock::now());
  // ENTRY: ::boost::thread::try_join_until
  group.join_all();
  // ENTRY: ::boost::thread_group::join_all
  t.detach(); // returns at once
  co_return;
}

cppcoro::task<> locks(boost::mutex &m, boost::timed_mutex &tm, boost::recursive_mutex &rm,
                      boost::shared_mutex &sm) {
  m.lock();
  // ENTRY: ::boost::mutex::lock
  m.try_lock(); // returns at once
  tm.lock();
  // ENTRY: ::boost::timed_mutex::lock
  rm.lock();
  // ENTRY: ::boost::recursive_mutex::lock
  sm.lock();
  // ENTRY: ::boost::shared_mutex::lock
  sm.lock_shared();
  // ENTRY: ::boost::shared_mutex::lock_shared
  {
    boost::unique_lock<boost::mutex> lock(m);
    // ENTRY: ::boost::unique_lock::unique_lock
    boost::unique_lock<boost::mutex> deferred(m, boost::defer_lock); // does not lock
    boost::unique_lock<boost::mutex> tried(m, boost::try_to_lock);   // does not wait
  }
  {
    boost::lock_guard<boost::mutex> guard(m);
    // ENTRY: ::boost::lock_guard::lock_guard
  }
  {
    boost::shared_lock<boost::shared_mutex> shared(sm);
    // ENTRY: ::boost::shared_lock::shared_lock
  }
  co_return;
}

cppcoro::task<> waits(boost::condition_variable &cv, boost::condition_variable_any &cva, boost::mutex &m,
                      boost::future<int> &f, boost::shared_future<int> &sf, boost::barrier &b, boost::latch &l) {
  boost::unique_lock<boost::mutex> lock(m, boost::defer_lock);
  cv.wait(lock);
  // ENTRY: ::boost::condition_variable::wait
  cv.wait_for(lock, boost::chrono::milliseconds(10));
  // ENTRY: ::boost::condition_variable::wait_for
  cv.wait_until(lock, boost::chrono::steady_clock::now());
  // ENTRY: ::boost::condition_variable::wait_until
  cva.wait(lock);
  // ENTRY: ::boost::condition_variable_any::wait
  cva.wait_for(lock, boost::chrono::milliseconds(10));
  // ENTRY: ::boost::condition_variable_any::wait_for
  cva.wait_until(lock, boost::chrono::steady_clock::now());
  // ENTRY: ::boost::condition_variable_any::wait_until
  cv.notify_one(); // returns at once
  f.get();
  // ENTRY: ::boost::future::get
  f.wait();
  // ENTRY: ::boost::future::wait
  f.wait_for(boost::chrono::milliseconds(10));
  // ENTRY: ::boost::future::wait_for
  f.wait_until(boost::chrono::steady_clock::now());
  // ENTRY: ::boost::future::wait_until
  sf.get();
  // ENTRY: ::boost::shared_future::get
  sf.wait();
  // ENTRY: ::boost::shared_future::wait
  f.is_ready(); // returns at once
  b.wait();
  // ENTRY: ::boost::barrier::wait
  l.wait();
  // ENTRY: ::boost::latch::wait
  l.count_down_and_wait();
  // ENTRY: ::boost::latch::count_down_and_wait
  l.count_down(); // returns at once
  boost::future<int> a, c;
  boost::wait_for_all(a, c);
  // ENTRY: ::boost::wait_for_all
  boost::wait_for_any(a, c);
  // ENTRY: ::boost::wait_for_any
  co_return;
}
