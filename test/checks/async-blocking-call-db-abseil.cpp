// RUN: %python %S/../verify_blocking_db.py %async-lint %s -- %cxx20

// Every Abseil entry of checks/data/blocking-calls.yaml, called from a
// coroutine against the real headers (libabsl-dev 20220623). The line after
// each call names the entry it exercises.

#include "cppcoro_task.h"

#include <absl/synchronization/barrier.h>
#include <absl/synchronization/blocking_counter.h>
#include <absl/synchronization/mutex.h>
#include <absl/synchronization/notification.h>
#include <absl/time/clock.h>

cppcoro::task<> waits(absl::Notification &n, absl::BlockingCounter &counter, absl::Barrier &barrier,
                      absl::CondVar &cv, absl::Mutex &mu) {
  absl::SleepFor(absl::Milliseconds(10));
  // ENTRY: ::absl::SleepFor
  n.WaitForNotification();
  // ENTRY: ::absl::Notification::WaitForNotification
  n.WaitForNotificationWithTimeout(absl::Seconds(1));
  // ENTRY: ::absl::Notification::WaitForNotificationWithTimeout
  n.WaitForNotificationWithDeadline(absl::Now());
  // ENTRY: ::absl::Notification::WaitForNotificationWithDeadline
  n.HasBeenNotified(); // returns at once
  counter.Wait();
  // ENTRY: ::absl::BlockingCounter::Wait
  counter.DecrementCount(); // returns at once
  barrier.Block();
  // ENTRY: ::absl::Barrier::Block
  cv.Wait(&mu);
  // ENTRY: ::absl::CondVar::Wait
  cv.WaitWithTimeout(&mu, absl::Seconds(1));
  // ENTRY: ::absl::CondVar::WaitWithTimeout
  cv.WaitWithDeadline(&mu, absl::Now());
  // ENTRY: ::absl::CondVar::WaitWithDeadline
  cv.Signal(); // returns at once
  co_return;
}

cppcoro::task<> locks(absl::Mutex &mu, const absl::Condition &cond) {
  mu.Lock();
  // ENTRY: ::absl::Mutex::Lock
  mu.ReaderLock();
  // ENTRY: ::absl::Mutex::ReaderLock
  mu.WriterLock();
  // ENTRY: ::absl::Mutex::WriterLock
  mu.TryLock(); // returns at once
  mu.Await(cond);
  // ENTRY: ::absl::Mutex::Await
  mu.AwaitWithTimeout(cond, absl::Seconds(1));
  // ENTRY: ::absl::Mutex::AwaitWithTimeout
  mu.AwaitWithDeadline(cond, absl::Now());
  // ENTRY: ::absl::Mutex::AwaitWithDeadline
  mu.LockWhen(cond);
  // ENTRY: ::absl::Mutex::LockWhen
  mu.ReaderLockWhen(cond);
  // ENTRY: ::absl::Mutex::ReaderLockWhen
  mu.WriterLockWhen(cond);
  // ENTRY: ::absl::Mutex::WriterLockWhen
  mu.LockWhenWithTimeout(cond, absl::Seconds(1));
  // ENTRY: ::absl::Mutex::LockWhenWithTimeout
  mu.ReaderLockWhenWithTimeout(cond, absl::Seconds(1));
  // ENTRY: ::absl::Mutex::ReaderLockWhenWithTimeout
  mu.WriterLockWhenWithTimeout(cond, absl::Seconds(1));
  // ENTRY: ::absl::Mutex::WriterLockWhenWithTimeout
  mu.LockWhenWithDeadline(cond, absl::Now());
  // ENTRY: ::absl::Mutex::LockWhenWithDeadline
  mu.ReaderLockWhenWithDeadline(cond, absl::Now());
  // ENTRY: ::absl::Mutex::ReaderLockWhenWithDeadline
  mu.WriterLockWhenWithDeadline(cond, absl::Now());
  // ENTRY: ::absl::Mutex::WriterLockWhenWithDeadline
  {
    absl::MutexLock lock(&mu);
    // ENTRY: ::absl::MutexLock::MutexLock
  }
  {
    absl::ReaderMutexLock lock(&mu);
    // ENTRY: ::absl::ReaderMutexLock::ReaderMutexLock
  }
  {
    absl::WriterMutexLock lock(&mu);
    // ENTRY: ::absl::WriterMutexLock::WriterMutexLock
  }
  {
    absl::MutexLockMaybe lock(&mu);
    // ENTRY: ::absl::MutexLockMaybe::MutexLockMaybe
  }
  {
    absl::ReleasableMutexLock lock(&mu);
    // ENTRY: ::absl::ReleasableMutexLock::ReleasableMutexLock
  }
  co_return;
}
