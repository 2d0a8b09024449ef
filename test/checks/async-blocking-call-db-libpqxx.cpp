// RUN: %python %S/../verify_blocking_db.py %async-lint %s -- %cxx20

// Every libpqxx entry of checks/data/blocking-calls.yaml, called from a
// coroutine against the real headers (libpqxx-dev 6.4). The line after each
// call names the entry it exercises.

#include "cppcoro_task.h"

#include <pqxx/connection>
#include <pqxx/nontransaction>
#include <pqxx/pipeline>
#include <pqxx/robusttransaction>
#include <pqxx/stream_from>
#include <pqxx/stream_to>
#include <pqxx/subtransaction>
#include <pqxx/transaction>

cppcoro::task<> connections() {
  pqxx::connection c("dbname=test");
  // ENTRY: ::pqxx::basic_connection_base::basic_connection_base
  c.await_notification();
  // ENTRY: ::pqxx::connection_base::await_notification
  c.set_client_encoding("UTF8");
  // ENTRY: ::pqxx::connection_base::set_client_encoding
  c.set_variable("search_path", "public");
  // ENTRY: ::pqxx::connection_base::set_variable
  c.get_variable("search_path");
  // ENTRY: ::pqxx::connection_base::get_variable
  c.prepare("q", "SELECT 1"); // registers the statement
  co_return;
}

cppcoro::task<> transactions(pqxx::connection &c) {
  pqxx::work w(c);
  // ENTRY: ::pqxx::transaction::transaction
  w.exec("SELECT 1");
  // ENTRY: ::pqxx::transaction_base::exec
  w.exec0("UPDATE t SET x = 1");
  // ENTRY: ::pqxx::transaction_base::exec0
  w.exec1("SELECT 1");
  // ENTRY: ::pqxx::transaction_base::exec1
  w.exec_n(1, "SELECT 1");
  // ENTRY: ::pqxx::transaction_base::exec_n
  w.exec_params("SELECT $1", 1);
  // ENTRY: ::pqxx::transaction_base::exec_params
  w.exec_params0("UPDATE t SET x = $1", 1);
  // ENTRY: ::pqxx::transaction_base::exec_params0
  w.exec_params1("SELECT $1", 1);
  // ENTRY: ::pqxx::transaction_base::exec_params1
  w.exec_params_n(1, "SELECT $1", 1);
  // ENTRY: ::pqxx::transaction_base::exec_params_n
  w.exec_prepared("q", 1);
  // ENTRY: ::pqxx::transaction_base::exec_prepared
  w.exec_prepared0("q", 1);
  // ENTRY: ::pqxx::transaction_base::exec_prepared0
  w.exec_prepared1("q", 1);
  // ENTRY: ::pqxx::transaction_base::exec_prepared1
  w.exec_prepared_n(1, "q", 1);
  // ENTRY: ::pqxx::transaction_base::exec_prepared_n
  w.set_variable("x", "1");
  // ENTRY: ::pqxx::transaction_base::set_variable
  w.get_variable("x");
  // ENTRY: ::pqxx::transaction_base::get_variable
  w.quote("text"); // escapes locally
  w.commit();
  // ENTRY: ::pqxx::transaction_base::commit
  w.abort();
  // ENTRY: ::pqxx::transaction_base::abort
  co_return;
}

cppcoro::task<> others(pqxx::connection &c, pqxx::work &w) {
  pqxx::subtransaction sub(w, "s");
  // ENTRY: ::pqxx::subtransaction::subtransaction
  pqxx::robusttransaction<> robust(c);
  // ENTRY: ::pqxx::robusttransaction::robusttransaction
  pqxx::nontransaction plain(c); // sends nothing until a query
  pqxx::pipeline p(w);
  auto id = p.insert("SELECT 1"); // queues the query
  p.retrieve(id);
  // ENTRY: ::pqxx::pipeline::retrieve
  p.complete();
  // ENTRY: ::pqxx::pipeline::complete
  pqxx::stream_from from(w, "t");
  // ENTRY: ::pqxx::stream_from::stream_from
  std::string line;
  from.get_raw_line(line);
  // ENTRY: ::pqxx::stream_from::get_raw_line
  from.complete();
  // ENTRY: ::pqxx::stream_from::complete
  pqxx::stream_to to(w, "t");
  // ENTRY: ::pqxx::stream_to::stream_to
  to.complete();
  // ENTRY: ::pqxx::stream_to::complete
  co_return;
}
