// RUN: %python %S/../verify_blocking_db.py %async-lint %s -- %cxx20

// Every libuv 1.44 (libuv1-dev) entry of checks/data/blocking-calls.yaml, called from a
// coroutine against the real headers. The line after each call names the
// entry it exercises; `any` (db_any.h) stands for arguments of any type.

#include "cppcoro_task.h"
#include "db_any.h"

#include <uv.h>

cppcoro::task<> calls() {
  uv_fs_close(any, any, any, nullptr);
  // ENTRY: ::uv_fs_close
  uv_fs_open(any, any, any, any, any, nullptr);
  // ENTRY: ::uv_fs_open
  uv_fs_read(any, any, any, any, any, any, nullptr);
  // ENTRY: ::uv_fs_read
  uv_fs_unlink(any, any, any, nullptr);
  // ENTRY: ::uv_fs_unlink
  uv_fs_write(any, any, any, any, any, any, nullptr);
  // ENTRY: ::uv_fs_write
  uv_fs_copyfile(any, any, any, any, any, nullptr);
  // ENTRY: ::uv_fs_copyfile
  uv_fs_mkdir(any, any, any, any, nullptr);
  // ENTRY: ::uv_fs_mkdir
  uv_fs_mkdtemp(any, any, any, nullptr);
  // ENTRY: ::uv_fs_mkdtemp
  uv_fs_mkstemp(any, any, any, nullptr);
  // ENTRY: ::uv_fs_mkstemp
  uv_fs_rmdir(any, any, any, nullptr);
  // ENTRY: ::uv_fs_rmdir
  uv_fs_scandir(any, any, any, any, nullptr);
  // ENTRY: ::uv_fs_scandir
  uv_fs_opendir(any, any, any, nullptr);
  // ENTRY: ::uv_fs_opendir
  uv_fs_readdir(any, any, any, nullptr);
  // ENTRY: ::uv_fs_readdir
  uv_fs_closedir(any, any, any, nullptr);
  // ENTRY: ::uv_fs_closedir
  uv_fs_stat(any, any, any, nullptr);
  // ENTRY: ::uv_fs_stat
  uv_fs_fstat(any, any, any, nullptr);
  // ENTRY: ::uv_fs_fstat
  uv_fs_rename(any, any, any, any, nullptr);
  // ENTRY: ::uv_fs_rename
  uv_fs_fsync(any, any, any, nullptr);
  // ENTRY: ::uv_fs_fsync
  uv_fs_fdatasync(any, any, any, nullptr);
  // ENTRY: ::uv_fs_fdatasync
  uv_fs_ftruncate(any, any, any, any, nullptr);
  // ENTRY: ::uv_fs_ftruncate
  uv_fs_sendfile(any, any, any, any, any, any, nullptr);
  // ENTRY: ::uv_fs_sendfile
  uv_fs_access(any, any, any, any, nullptr);
  // ENTRY: ::uv_fs_access
  uv_fs_chmod(any, any, any, any, nullptr);
  // ENTRY: ::uv_fs_chmod
  uv_fs_utime(any, any, any, any, any, nullptr);
  // ENTRY: ::uv_fs_utime
  uv_fs_futime(any, any, any, any, any, nullptr);
  // ENTRY: ::uv_fs_futime
  uv_fs_lutime(any, any, any, any, any, nullptr);
  // ENTRY: ::uv_fs_lutime
  uv_fs_lstat(any, any, any, nullptr);
  // ENTRY: ::uv_fs_lstat
  uv_fs_link(any, any, any, any, nullptr);
  // ENTRY: ::uv_fs_link
  uv_fs_symlink(any, any, any, any, any, nullptr);
  // ENTRY: ::uv_fs_symlink
  uv_fs_readlink(any, any, any, nullptr);
  // ENTRY: ::uv_fs_readlink
  uv_fs_realpath(any, any, any, nullptr);
  // ENTRY: ::uv_fs_realpath
  uv_fs_fchmod(any, any, any, any, nullptr);
  // ENTRY: ::uv_fs_fchmod
  uv_fs_chown(any, any, any, any, any, nullptr);
  // ENTRY: ::uv_fs_chown
  uv_fs_fchown(any, any, any, any, any, nullptr);
  // ENTRY: ::uv_fs_fchown
  uv_fs_lchown(any, any, any, any, any, nullptr);
  // ENTRY: ::uv_fs_lchown
  uv_fs_statfs(any, any, any, nullptr);
  // ENTRY: ::uv_fs_statfs
  uv_getaddrinfo(any, any, nullptr, any, any, any);
  // ENTRY: ::uv_getaddrinfo
  uv_getnameinfo(any, any, nullptr, any, any);
  // ENTRY: ::uv_getnameinfo
  uv_random(any, any, any, any, any, nullptr);
  // ENTRY: ::uv_random
  uv_run(any, any);
  // ENTRY: ::uv_run
  uv_thread_join(any);
  // ENTRY: ::uv_thread_join
  uv_sem_wait(any);
  // ENTRY: ::uv_sem_wait
  uv_cond_wait(any, any);
  // ENTRY: ::uv_cond_wait
  uv_cond_timedwait(any, any, any);
  // ENTRY: ::uv_cond_timedwait
  uv_barrier_wait(any);
  // ENTRY: ::uv_barrier_wait
  uv_mutex_lock(any);
  // ENTRY: ::uv_mutex_lock
  uv_rwlock_rdlock(any);
  // ENTRY: ::uv_rwlock_rdlock
  uv_rwlock_wrlock(any);
  // ENTRY: ::uv_rwlock_wrlock
  uv_sleep(any);
  // ENTRY: ::uv_sleep
  co_return;
}

void onOpen(uv_fs_t *);
void onResolved(uv_getaddrinfo_t *, int, addrinfo *);

// With a callback the requests run on libuv's thread pool.
cppcoro::task<> asynchronous(uv_loop_t *loop, uv_fs_t *req, uv_getaddrinfo_t *gai) {
  uv_fs_open(loop, req, "/tmp/x", 0, 0, onOpen);
  uv_getaddrinfo(loop, gai, onResolved, "example.com", "80", nullptr);
  uv_fs_open(loop, req, "/tmp/x", 0, 0, NULL);
  // ENTRY: ::uv_fs_open
  co_return;
}
