// RUN: %python %S/../verify_blocking_db.py %async-lint %s -- %cxx20

// Every cpp-httplib entry of checks/data/blocking-calls.yaml, called from a
// coroutine against the real header (libcpp-httplib-dev 0.11). The line after
// each call names the entry it exercises.

#include "cppcoro_task.h"

#include <httplib.h>

cppcoro::task<> client(httplib::Client &cli, httplib::ClientImpl &impl) {
  cli.Get("/");
  // ENTRY: ::httplib::Client::Get
  cli.Head("/");
  // ENTRY: ::httplib::Client::Head
  cli.Post("/", "body", "text/plain");
  // ENTRY: ::httplib::Client::Post
  cli.Put("/", "body", "text/plain");
  // ENTRY: ::httplib::Client::Put
  cli.Patch("/", "body", "text/plain");
  // ENTRY: ::httplib::Client::Patch
  cli.Delete("/");
  // ENTRY: ::httplib::Client::Delete
  cli.Options("/");
  // ENTRY: ::httplib::Client::Options
  httplib::Request req;
  httplib::Response res;
  httplib::Error err;
  cli.send(req, res, err);
  // ENTRY: ::httplib::Client::send
  cli.set_read_timeout(5, 0); // configuration only
  impl.Get("/");
  // ENTRY: ::httplib::ClientImpl::Get
  impl.Head("/");
  // ENTRY: ::httplib::ClientImpl::Head
  impl.Post("/", "body", "text/plain");
  // ENTRY: ::httplib::ClientImpl::Post
  impl.Put("/", "body", "text/plain");
  // ENTRY: ::httplib::ClientImpl::Put
  impl.Patch("/", "body", "text/plain");
  // ENTRY: ::httplib::ClientImpl::Patch
  impl.Delete("/");
  // ENTRY: ::httplib::ClientImpl::Delete
  impl.Options("/");
  // ENTRY: ::httplib::ClientImpl::Options
  impl.send(req, res, err);
  // ENTRY: ::httplib::ClientImpl::send
  co_return;
}

cppcoro::task<> server(httplib::Server &svr) {
  svr.Get("/", [](const httplib::Request &, httplib::Response &) {}); // registers a handler
  svr.bind_to_any_port("0.0.0.0");                                    // binds, does not serve
  svr.listen("0.0.0.0", 8080);
  // ENTRY: ::httplib::Server::listen
  svr.listen_after_bind();
  // ENTRY: ::httplib::Server::listen_after_bind
  co_return;
}
