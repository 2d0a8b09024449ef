// RUN: %python %S/../verify_blocking_db.py %async-lint %s -- %cxx20

// Every hiredis 0.14 (libhiredis-dev) entry of checks/data/blocking-calls.yaml, called from a
// coroutine against the real headers. The line after each call names the
// entry it exercises; `any` (db_any.h) stands for arguments of any type.

#include "cppcoro_task.h"
#include "db_any.h"

#include <hiredis/hiredis.h>

cppcoro::task<> calls() {
  redisConnect(any, any);
  // ENTRY: ::redisConnect
  redisConnectWithTimeout(any, any, any);
  // ENTRY: ::redisConnectWithTimeout
  redisConnectUnix(any);
  // ENTRY: ::redisConnectUnix
  redisConnectUnixWithTimeout(any, any);
  // ENTRY: ::redisConnectUnixWithTimeout
  redisReconnect(any);
  // ENTRY: ::redisReconnect
  redisCommand(any, any);
  // ENTRY: ::redisCommand
  redisvCommand(any, any, any);
  // ENTRY: ::redisvCommand
  redisCommandArgv(any, any, any, any);
  // ENTRY: ::redisCommandArgv
  redisGetReply(any, any);
  // ENTRY: ::redisGetReply
  co_return;
}

// A non-blocking context: the coroutine reads what has arrived itself.
cppcoro::task<> nonBlocking(const char *host) {
  redisContext *c = redisConnectNonBlock(host, 6379);
  void *reply = nullptr;
  redisBufferRead(c);
  redisGetReply(c, &reply);
  co_return;
}
