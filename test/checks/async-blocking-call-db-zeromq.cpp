// RUN: %python %S/../verify_blocking_db.py %async-lint %s -- %cxx20

// Every ZeroMQ 4.3 and cppzmq 4.9 (libzmq3-dev, cppzmq-dev) entry of checks/data/blocking-calls.yaml, called from a
// coroutine against the real headers. The line after each call names the
// entry it exercises; `any` (db_any.h) stands for arguments of any type.

#include "cppcoro_task.h"
#include "db_any.h"

#include <zmq.h>
#include <zmq.hpp>
#include <zmq_addon.hpp>

cppcoro::task<> calls() {
  zmq_recv(any, any, any, any);
  // ENTRY: ::zmq_recv
  zmq_send(any, any, any, any);
  // ENTRY: ::zmq_send
  zmq_send_const(any, any, any, any);
  // ENTRY: ::zmq_send_const
  zmq_recviov(any, any, any, any);
  // ENTRY: ::zmq_recviov
  zmq_sendiov(any, any, any, any);
  // ENTRY: ::zmq_sendiov
  zmq_msg_recv(any, any, any);
  // ENTRY: ::zmq_msg_recv
  zmq_msg_send(any, any, any);
  // ENTRY: ::zmq_msg_send
  zmq_recvmsg(any, any, any);
  // ENTRY: ::zmq_recvmsg
  zmq_sendmsg(any, any, any);
  // ENTRY: ::zmq_sendmsg
  zmq_poll(any, any, any);
  // ENTRY: ::zmq_poll
  zmq_proxy(any, any, any);
  // ENTRY: ::zmq_proxy
  zmq_proxy_steerable(any, any, any, any);
  // ENTRY: ::zmq_proxy_steerable
  zmq_device(any, any, any);
  // ENTRY: ::zmq_device
  zmq_ctx_term(any);
  // ENTRY: ::zmq_ctx_term
  zmq_ctx_destroy(any);
  // ENTRY: ::zmq_ctx_destroy
  zmq_term(any);
  // ENTRY: ::zmq_term
  zmq_sleep(any);
  // ENTRY: ::zmq_sleep
  co_return;
}

cppcoro::task<> nonBlocking(void *s, char *buf, zmq_pollitem_t *items) {
  zmq_recv(s, buf, 64, ZMQ_DONTWAIT);
  zmq_send(s, buf, 64, ZMQ_DONTWAIT | ZMQ_SNDMORE);
  zmq_send(s, buf, 64, ZMQ_SNDMORE); // still waits for room in the queue
  // ENTRY: ::zmq_send
  zmq_poll(items, 1, 0);
  co_return;
}

cppcoro::task<> cpp(zmq::context_t &ctx, zmq::socket_t &sock, zmq::socket_t &back, zmq::monitor_t &mon) {
  using namespace std::chrono_literals;
  zmq::message_t msg;
  char buf[64];
  (void)sock.recv(msg);
  // ENTRY: ::zmq::detail::socket_base::recv
  (void)sock.recv(msg, zmq::recv_flags::dontwait); // non-blocking
  (void)sock.recv(zmq::buffer(buf));
  // ENTRY: ::zmq::detail::socket_base::recv
  (void)sock.send(msg, zmq::send_flags::none);
  // ENTRY: ::zmq::detail::socket_base::send
  (void)sock.send(zmq::str_buffer("hi"), zmq::send_flags::dontwait); // non-blocking
  (void)sock.send(buf, 64, 0);
  // ENTRY: ::zmq::detail::socket_base::send
  (void)sock.send(buf, 64, ZMQ_DONTWAIT); // non-blocking
  std::vector<zmq::message_t> parts;
  (void)zmq::recv_multipart(sock, std::back_inserter(parts));
  // ENTRY: ::zmq::recv_multipart
  (void)zmq::recv_multipart(sock, std::back_inserter(parts), zmq::recv_flags::dontwait); // non-blocking
  (void)zmq::recv_multipart_n(sock, parts.begin(), 2);
  // ENTRY: ::zmq::recv_multipart_n
  (void)zmq::send_multipart(sock, parts);
  // ENTRY: ::zmq::send_multipart
  zmq::pollitem_t items[] = {{sock.handle(), 0, ZMQ_POLLIN, 0}};
  zmq::poll(items, 1, 100ms);
  // ENTRY: ::zmq::poll
  zmq::poll(items, 1, 0ms); // polls
  std::vector<zmq::pollitem_t> vitems(items, items + 1);
  zmq::poll(vitems);
  // ENTRY: ::zmq::poll
  zmq::poll(vitems, 0ms); // polls
  zmq::proxy(sock, back);
  // ENTRY: ::zmq::proxy
  zmq::proxy_steerable(sock, back, zmq::socket_ref(), zmq::socket_ref());
  // ENTRY: ::zmq::proxy_steerable
  mon.monitor(sock, "inproc://monitor");
  // ENTRY: ::zmq::monitor_t::monitor
  mon.check_event(100);
  // ENTRY: ::zmq::monitor_t::check_event
  mon.check_event(); // a timeout of 0 by default
  ctx.close();
  // ENTRY: ::zmq::context_t::close
  sock.close(); // returns at once (linger applies to the context)
  co_return;
}
