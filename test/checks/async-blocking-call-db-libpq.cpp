// RUN: %python %S/../verify_blocking_db.py %async-lint %s -- %cxx20 -I/usr/include/postgresql

// Every libpq entry of checks/data/blocking-calls.yaml, called from a
// coroutine against the real header (libpq-dev; compile with
// -I/usr/include/postgresql). The line after each call names the entry it
// exercises.

#include "cppcoro_task.h"

#include <libpq-fe.h>
#include <libpq/libpq-fs.h>

cppcoro::task<> connections(const char *const *keys, const char *const *values) {
  PGconn *conn = PQconnectdb("dbname=app");
  // ENTRY: ::PQconnectdb
  PGconn *conn2 = PQconnectdbParams(keys, values, 0);
  // ENTRY: ::PQconnectdbParams
  PGconn *conn3 = PQsetdbLogin("localhost", "5432", nullptr, nullptr, "app", "user", "secret");
  // ENTRY: ::PQsetdbLogin
  PQreset(conn);
  // ENTRY: ::PQreset
  PQping("dbname=app");
  // ENTRY: ::PQping
  PQpingParams(keys, values, 0);
  // ENTRY: ::PQpingParams
  PGcancel *cancel = PQgetCancel(conn2);
  char err[256];
  PQcancel(cancel, err, sizeof err);
  // ENTRY: ::PQcancel
  PQfinish(conn3); // no entry: sends a termination message and closes the socket
  co_return;
}

cppcoro::task<> queries(PGconn *conn, const char *const *params) {
  PQexec(conn, "SELECT 1");
  // ENTRY: ::PQexec
  PQexecParams(conn, "SELECT $1", 1, nullptr, params, nullptr, nullptr, 0);
  // ENTRY: ::PQexecParams
  PQprepare(conn, "q1", "SELECT $1", 1, nullptr);
  // ENTRY: ::PQprepare
  PQexecPrepared(conn, "q1", 1, params, nullptr, nullptr, 0);
  // ENTRY: ::PQexecPrepared
  PQdescribePrepared(conn, "q1");
  // ENTRY: ::PQdescribePrepared
  PQdescribePortal(conn, "c1");
  // ENTRY: ::PQdescribePortal
  PQsendQuery(conn, "SELECT 2"); // asynchronous: no entry
  PQgetResult(conn);
  // ENTRY: ::PQgetResult
  int result = 0, len = 0;
  PQArgBlock args[1] = {};
  PQfn(conn, 42, &result, &len, 1, args, 1);
  // ENTRY: ::PQfn
  PQencryptPasswordConn(conn, "secret", "user", nullptr);
  // ENTRY: ::PQencryptPasswordConn
  co_return;
}

cppcoro::task<> copy_and_large_objects(PGconn *conn, char *buf, int n) {
  PQputCopyData(conn, buf, n);
  // ENTRY: ::PQputCopyData
  PQputCopyEnd(conn, nullptr);
  // ENTRY: ::PQputCopyEnd
  PQgetline(conn, buf, n);
  // ENTRY: ::PQgetline
  PQendcopy(conn);
  // ENTRY: ::PQendcopy
  Oid oid = lo_import(conn, "/tmp/blob");
  // ENTRY: ::lo_import
  int fd = lo_open(conn, oid, INV_READ | INV_WRITE);
  // ENTRY: ::lo_open
  lo_read(conn, fd, buf, n);
  // ENTRY: ::lo_read
  lo_write(conn, fd, buf, n);
  // ENTRY: ::lo_write
  lo_export(conn, oid, "/tmp/blob.out");
  // ENTRY: ::lo_export
  co_return;
}
