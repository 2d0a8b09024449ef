// RUN: %python %S/../verify_blocking_db.py %async-lint %s -- %cxx20

// Every Boost.Interprocess entry of checks/data/blocking-calls.yaml, called
// from a coroutine against the real headers (Boost 1.81). The line after each
// call names the entry it exercises.

#include "cppcoro_task.h"

#include <boost/date_time/posix_time/posix_time_types.hpp>
#include <boost/interprocess/ipc/message_queue.hpp>
#include <boost/interprocess/sync/file_lock.hpp>
#include <boost/interprocess/sync/interprocess_condition.hpp>
#include <boost/interprocess/sync/interprocess_mutex.hpp>
#include <boost/interprocess/sync/interprocess_recursive_mutex.hpp>
#include <boost/interprocess/sync/interprocess_semaphore.hpp>
#include <boost/interprocess/sync/interprocess_sharable_mutex.hpp>
#include <boost/interprocess/sync/named_condition.hpp>
#include <boost/interprocess/sync/named_mutex.hpp>
#include <boost/interprocess/sync/named_semaphore.hpp>
#include <boost/interprocess/sync/scoped_lock.hpp>

namespace ipc = boost::interprocess;

cppcoro::task<> queues(ipc::message_queue &mq) {
  char buf[64];
  ipc::message_queue::size_type received = 0;
  unsigned priority = 0;
  auto deadline = boost::posix_time::microsec_clock::universal_time();
  mq.send(buf, sizeof buf, 0);
  // ENTRY: ::boost::interprocess::message_queue_t::send
  mq.receive(buf, sizeof buf, received, priority);
  // ENTRY: ::boost::interprocess::message_queue_t::receive
  mq.timed_send(buf, sizeof buf, 0, deadline);
  // ENTRY: ::boost::interprocess::message_queue_t::timed_send
  mq.timed_receive(buf, sizeof buf, received, priority, deadline);
  // ENTRY: ::boost::interprocess::message_queue_t::timed_receive
  mq.try_send(buf, sizeof buf, 0);                      // returns at once
  mq.try_receive(buf, sizeof buf, received, priority); // returns at once
  co_return;
}

cppcoro::task<> syncs(ipc::interprocess_mutex &m, ipc::interprocess_recursive_mutex &rm,
                      ipc::interprocess_sharable_mutex &sm, ipc::named_mutex &nm, ipc::file_lock &fl,
                      ipc::interprocess_semaphore &sem, ipc::named_semaphore &nsem,
                      ipc::interprocess_condition &cv, ipc::named_condition &ncv) {
  auto deadline = boost::posix_time::microsec_clock::universal_time();
  m.lock();
  // ENTRY: ::boost::interprocess::interprocess_mutex::lock
  m.timed_lock(deadline);
  // ENTRY: ::boost::interprocess::interprocess_mutex::timed_lock
  m.try_lock(); // returns at once
  rm.lock();
  // ENTRY: ::boost::interprocess::interprocess_recursive_mutex::lock
  sm.lock();
  // ENTRY: ::boost::interprocess::interprocess_sharable_mutex::lock
  sm.lock_sharable();
  // ENTRY: ::boost::interprocess::interprocess_sharable_mutex::lock_sharable
  nm.lock();
  // ENTRY: ::boost::interprocess::named_mutex::lock
  fl.lock();
  // ENTRY: ::boost::interprocess::file_lock::lock
  fl.lock_sharable();
  // ENTRY: ::boost::interprocess::file_lock::lock_sharable
  {
    ipc::scoped_lock<ipc::interprocess_mutex> lock(m);
    // ENTRY: ::boost::interprocess::scoped_lock::scoped_lock
    ipc::scoped_lock<ipc::interprocess_mutex> deferred(m, ipc::defer_lock); // does not lock
    ipc::scoped_lock<ipc::interprocess_mutex> tried(m, ipc::try_to_lock);   // does not wait
    cv.wait(lock);
    // ENTRY: ::boost::interprocess::interprocess_condition::wait
    cv.timed_wait(lock, deadline);
    // ENTRY: ::boost::interprocess::interprocess_condition::timed_wait
    cv.notify_all(); // returns at once
  }
  {
    ipc::scoped_lock<ipc::named_mutex> lock(nm);
    // ENTRY: ::boost::interprocess::scoped_lock::scoped_lock
    ncv.wait(lock);
    // ENTRY: ::boost::interprocess::named_condition::wait
    ncv.timed_wait(lock, deadline);
    // ENTRY: ::boost::interprocess::named_condition::timed_wait
  }
  sem.wait();
  // ENTRY: ::boost::interprocess::interprocess_semaphore::wait
  sem.timed_wait(deadline);
  // ENTRY: ::boost::interprocess::interprocess_semaphore::timed_wait
  sem.post(); // returns at once
  nsem.wait();
  // ENTRY: ::boost::interprocess::named_semaphore::wait
  nsem.timed_wait(deadline);
  // ENTRY: ::boost::interprocess::named_semaphore::timed_wait
  co_return;
}
