// RUN: %python %S/../verify_blocking_db.py %async-lint %s -- %cxx20

// Every SQLite entry of checks/data/blocking-calls.yaml, called from a
// coroutine against the real header (libsqlite3-dev). The line after each call
// names the entry it exercises.

#include "cppcoro_task.h"

#include <sqlite3.h>

cppcoro::task<> open_and_close() {
  sqlite3 *db = nullptr;
  sqlite3_open("app.db", &db);
  // ENTRY: ::sqlite3_open
  sqlite3_open16(u"app.db", &db);
  // ENTRY: ::sqlite3_open16
  sqlite3_open_v2("app.db", &db, SQLITE_OPEN_READWRITE, nullptr);
  // ENTRY: ::sqlite3_open_v2
  sqlite3_close(db);
  // ENTRY: ::sqlite3_close
  sqlite3_close_v2(db);
  // ENTRY: ::sqlite3_close_v2
  co_return;
}

cppcoro::task<> statements(sqlite3 *db) {
  sqlite3_stmt *stmt = nullptr;
  sqlite3_exec(db, "DELETE FROM t", nullptr, nullptr, nullptr);
  // ENTRY: ::sqlite3_exec
  sqlite3_prepare(db, "SELECT 1", -1, &stmt, nullptr);
  // ENTRY: ::sqlite3_prepare
  sqlite3_prepare_v2(db, "SELECT 1", -1, &stmt, nullptr);
  // ENTRY: ::sqlite3_prepare_v2
  sqlite3_prepare_v3(db, "SELECT 1", -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  // ENTRY: ::sqlite3_prepare_v3
  sqlite3_prepare16_v2(db, u"SELECT 1", -1, &stmt, nullptr);
  // ENTRY: ::sqlite3_prepare16_v2
  while (sqlite3_step(stmt) == SQLITE_ROW)
    // ENTRY: ::sqlite3_step
    ;
  char **rows = nullptr;
  int nrow = 0, ncol = 0;
  sqlite3_get_table(db, "SELECT * FROM t", &rows, &nrow, &ncol, nullptr);
  // ENTRY: ::sqlite3_get_table
  co_return;
}

cppcoro::task<> blobs_and_maintenance(sqlite3 *db, sqlite3_backup *backup) {
  sqlite3_blob *blob = nullptr;
  char data[64];
  sqlite3_blob_open(db, "main", "t", "c", 1, 0, &blob);
  // ENTRY: ::sqlite3_blob_open
  sqlite3_blob_reopen(blob, 2);
  // ENTRY: ::sqlite3_blob_reopen
  sqlite3_blob_read(blob, data, sizeof data, 0);
  // ENTRY: ::sqlite3_blob_read
  sqlite3_blob_write(blob, data, sizeof data, 0);
  // ENTRY: ::sqlite3_blob_write
  sqlite3_backup_step(backup, -1);
  // ENTRY: ::sqlite3_backup_step
  sqlite3_wal_checkpoint(db, "main");
  // ENTRY: ::sqlite3_wal_checkpoint
  sqlite3_wal_checkpoint_v2(db, "main", SQLITE_CHECKPOINT_FULL, nullptr, nullptr);
  // ENTRY: ::sqlite3_wal_checkpoint_v2
  sqlite3_db_cacheflush(db);
  // ENTRY: ::sqlite3_db_cacheflush
  sqlite3_sleep(100);
  // ENTRY: ::sqlite3_sleep
  co_return;
}
