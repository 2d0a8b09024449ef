// RUN: %check_async_lint %s %t -- %cxx20
// RUN: %check_async_lint --check-suffix=LOCKTYPES %s %t \
// RUN:   --config="{CheckOptions: {async-lock-across-suspend.LockTypes: '::util::TableLock;storage::PageGuard;ResumeGuard'}}" \
// RUN:   -- %cxx20
// RUN: %check_async_lint --check-suffix=ALLOWED %s %t \
// RUN:   --config="{CheckOptions: {async-lock-across-suspend.LockTypes: 'ResumeGuard', async-lock-across-suspend.AllowedTypes: '::std::mutex;util::ResumeLock'}}" \
// RUN:   -- %cxx20
//
// Both options are dumped and read back unchanged.
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: printf '%%s\n' "Checks: '-*,async-lock-across-suspend'" "CheckOptions:" "  async-lock-across-suspend.LockTypes: '::util::TableLock'" "  async-lock-across-suspend.AllowedTypes: 'util::ResumeLock'" > %t.dir/config.yaml
// RUN: %async-lint --config-file=%t.dir/config.yaml --dump-config %s > %t.dir/dumped.yaml
// RUN: FileCheck --check-prefix=DUMP %s < %t.dir/dumped.yaml
// DUMP-DAG: async-lock-across-suspend.LockTypes: '::util::TableLock'
// DUMP-DAG: async-lock-across-suspend.AllowedTypes: 'util::ResumeLock'
// RUN: %async-lint --config-file=%t.dir/dumped.yaml --dump-config %s > %t.dir/redumped.yaml
// RUN: grep 'async-lock-across-suspend\.' %t.dir/dumped.yaml > %t.dir/options
// RUN: grep 'async-lock-across-suspend\.' %t.dir/redumped.yaml | diff %t.dir/options -
// RUN: %async-lint --checks='-*,async-lock-across-suspend' --dump-config %s | FileCheck --check-prefix=DEFAULTS %s
// DEFAULTS-DAG: async-lock-across-suspend.LockTypes: ''
// DEFAULTS-DAG: async-lock-across-suspend.AllowedTypes: ''

// The options of async-lock-across-suspend: LockTypes adds guard types the
// check does not know, AllowedTypes removes guards and mutexes from it.

#include "cppcoro_task.h"

#include <mutex>

cppcoro::task<> flush();

namespace util {
// A project's guard that takes its table by reference: not recognisable as
// a guard without LockTypes (its mutex has no lock()/unlock()).
class Table {
public:
  void acquire();
  void release();
};
class TableLock {
public:
  explicit TableLock(Table &table) : table(table) { table.acquire(); }
  ~TableLock() { table.release(); }

private:
  Table &table;
};

// A lock the project holds across suspensions on purpose.
class ResumeLock {
public:
  void lock();
  void unlock();
};
} // namespace util

namespace storage {
struct Page {};
class PageGuard {
public:
  explicit PageGuard(Page *page);
  ~PageGuard();
};
} // namespace storage

util::Table accounts;
util::ResumeLock resume_lock;
storage::Page root_page;
std::mutex config_mutex;

cppcoro::task<> table_lock() {
  util::TableLock lock(accounts);
  co_await flush();
  // CHECK-MESSAGES-LOCKTYPES: :[[@LINE-1]]:3: warning: 'co_await flush()' suspends coroutine 'table_lock' while 'lock' holds a lock; other threads that lock it block until the coroutine resumes, and it may resume on a thread that does not own the lock; release the lock before suspending or use an awaitable mutex [async-lock-across-suspend]
}

cppcoro::task<> page_guard() {
  storage::PageGuard guard(&root_page);
  co_await flush();
  // CHECK-MESSAGES-LOCKTYPES: :[[@LINE-1]]:3: warning: 'co_await flush()' suspends coroutine 'page_guard' while 'guard' holds a lock{{.*}}
}

cppcoro::task<> resume_locked() {
  std::lock_guard<util::ResumeLock> guard(resume_lock);
  co_await flush();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_await flush()' suspends coroutine 'resume_locked' while 'guard' holds 'resume_lock' (util::ResumeLock){{.*}}
  // CHECK-MESSAGES-LOCKTYPES: :[[@LINE-2]]:3: warning: 'co_await flush()' suspends coroutine 'resume_locked' while 'guard' holds 'resume_lock' (util::ResumeLock){{.*}}
}

cppcoro::task<> config_locked() {
  config_mutex.lock();
  co_await flush();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_await flush()' suspends coroutine 'config_locked' while 'config_mutex' (std::mutex) is locked{{.*}}
  // CHECK-MESSAGES-LOCKTYPES: :[[@LINE-2]]:3: warning: 'co_await flush()' suspends coroutine 'config_locked' while 'config_mutex' (std::mutex) is locked{{.*}}
  config_mutex.unlock();
}

// A guard that is no template, of an allowed mutex.
class ResumeGuard {
public:
  explicit ResumeGuard(util::ResumeLock *lock);
  ~ResumeGuard();
};

cppcoro::task<> resume_guarded() {
  ResumeGuard guard(&resume_lock);
  co_await flush();
  // CHECK-MESSAGES-LOCKTYPES: :[[@LINE-1]]:3: warning: 'co_await flush()' suspends coroutine 'resume_guarded' while 'guard' holds 'resume_lock' (util::ResumeLock){{.*}}
}
