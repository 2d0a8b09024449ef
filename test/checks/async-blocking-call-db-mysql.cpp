// RUN: %python %S/../verify_blocking_db.py %async-lint %s -- %cxx20 -I/usr/include/mariadb

// Every MariaDB/MySQL client entry of checks/data/blocking-calls.yaml, called
// from a coroutine against the real header (libmariadb-dev; compile with
// -I/usr/include/mariadb). The line after each call names the entry it
// exercises.

#include "cppcoro_task.h"

#include <mysql.h>

cppcoro::task<> session(MYSQL *db) {
  mysql_real_connect(db, "localhost", "user", "secret", "app", 3306, nullptr, 0);
  // ENTRY: ::mysql_real_connect
  mysql_select_db(db, "app");
  // ENTRY: ::mysql_select_db
  mysql_change_user(db, "other", "secret", "app");
  // ENTRY: ::mysql_change_user
  mysql_set_character_set(db, "utf8mb4");
  // ENTRY: ::mysql_set_character_set
  mysql_ping(db);
  // ENTRY: ::mysql_ping
  mysql_stat(db);
  // ENTRY: ::mysql_stat
  mysql_autocommit(db, 0);
  // ENTRY: ::mysql_autocommit
  mysql_commit(db);
  // ENTRY: ::mysql_commit
  mysql_rollback(db);
  // ENTRY: ::mysql_rollback
  mysql_reset_connection(db);
  // ENTRY: ::mysql_reset_connection
  mysql_list_dbs(db, nullptr);
  // ENTRY: ::mysql_list_dbs
  mysql_list_tables(db, nullptr);
  // ENTRY: ::mysql_list_tables
  mysql_list_fields(db, "t", nullptr);
  // ENTRY: ::mysql_list_fields
  mysql_kill(db, 42);
  // ENTRY: ::mysql_kill
  mysql_close(db);
  // ENTRY: ::mysql_close
  co_return;
}

cppcoro::task<> queries(MYSQL *db) {
  mysql_query(db, "SELECT 1");
  // ENTRY: ::mysql_query
  mysql_real_query(db, "SELECT 1", 8);
  // ENTRY: ::mysql_real_query
  mysql_send_query(db, "SELECT 2", 8); // sends only: no entry
  mysql_read_query_result(db);
  // ENTRY: ::mysql_read_query_result
  MYSQL_RES *stored = mysql_store_result(db);
  // ENTRY: ::mysql_store_result
  MYSQL_RES *streamed = mysql_use_result(db);
  // ENTRY: ::mysql_use_result
  while (MYSQL_ROW row = mysql_fetch_row(streamed))
    // ENTRY: ::mysql_fetch_row
    (void)row;
  mysql_next_result(db);
  // ENTRY: ::mysql_next_result
  mysql_free_result(stored);
  co_return;
}

cppcoro::task<> statements(MYSQL *db) {
  MYSQL_STMT *stmt = mysql_stmt_init(db);
  mysql_stmt_prepare(stmt, "SELECT ?", 8);
  // ENTRY: ::mysql_stmt_prepare
  mysql_stmt_send_long_data(stmt, 0, "data", 4);
  // ENTRY: ::mysql_stmt_send_long_data
  mysql_stmt_execute(stmt);
  // ENTRY: ::mysql_stmt_execute
  mysql_stmt_store_result(stmt);
  // ENTRY: ::mysql_stmt_store_result
  mysql_stmt_fetch(stmt);
  // ENTRY: ::mysql_stmt_fetch
  mysql_stmt_next_result(stmt);
  // ENTRY: ::mysql_stmt_next_result
  mysql_stmt_reset(stmt);
  // ENTRY: ::mysql_stmt_reset
  mysql_stmt_close(stmt);
  // ENTRY: ::mysql_stmt_close
  co_return;
}
