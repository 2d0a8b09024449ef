// RUN: %check_async_lint %s %t -- %cxx20 -fPIC -I/usr/include/x86_64-linux-gnu/qt6

// Qt 6's QMutexLocker (a class template since Qt 6), QReadLocker and
// QWriteLocker from the real headers, in coroutines.

#include "cppcoro_task.h"

#include <QtCore/QMutex>
#include <QtCore/QMutexLocker>
#include <QtCore/QReadWriteLock>

cppcoro::task<> flush();

QMutex cache_mutex;
QReadWriteLock index_lock;
int cache, index_size;

cppcoro::task<> locker() {
  QMutexLocker locker(&cache_mutex);
  co_await flush();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await flush()' suspends coroutine 'locker' while 'locker' holds 'cache_mutex' (QMutex){{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:16: note: 'locker' acquires 'cache_mutex' here
}

cppcoro::task<int> read_locker() {
  QReadLocker locker(&index_lock);
  co_await flush();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await flush()' suspends coroutine 'read_locker' while 'locker' holds 'index_lock' (QReadWriteLock){{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:15: note: 'locker' acquires 'index_lock' here
  co_return index_size;
}

cppcoro::task<> write_locker() {
  QWriteLocker locker(&index_lock);
  co_await flush();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await flush()' suspends coroutine 'write_locker' while 'locker' holds 'index_lock' (QReadWriteLock){{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:16: note: 'locker' acquires 'index_lock' here
}

cppcoro::task<> manual() {
  cache_mutex.lock();
  co_await flush();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await flush()' suspends coroutine 'manual' while 'cache_mutex' (QMutex) is locked{{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:15: note: 'cache_mutex' is locked here
  cache_mutex.unlock();
}

// unlock() before suspending, relock() after: the second co_await is held.
cppcoro::task<> relocked() {
  QMutexLocker locker(&cache_mutex);
  ++cache;
  locker.unlock();
  co_await flush();
  locker.relock();
  co_await flush();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await flush()' suspends coroutine 'relocked' while 'locker' holds 'cache_mutex' (QMutex){{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:10: note: 'locker' acquires 'cache_mutex' here
}

// ---- must not warn ----

cppcoro::task<> scoped() {
  {
    QMutexLocker locker(&cache_mutex);
    ++cache;
  }
  co_await flush();
}

cppcoro::task<> try_failed() {
  if (!cache_mutex.tryLock()) {
    co_await flush();
    co_return;
  }
  ++cache;
  cache_mutex.unlock();
  co_await flush();
}
