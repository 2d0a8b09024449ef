// RUN: %python %S/../verify_blocking_db.py %async-lint %s -- %cxx20

// Every libevent 2.1 (libevent-dev) entry of checks/data/blocking-calls.yaml, called from a
// coroutine against the real headers. The line after each call names the
// entry it exercises; `any` (db_any.h) stands for arguments of any type.

#include "cppcoro_task.h"
#include "db_any.h"

#include <event2/event.h>
#include <event2/util.h>
#include <event2/dns.h>
#include <event2/event_compat.h>

cppcoro::task<> calls() {
  event_base_dispatch(any);
  // ENTRY: ::event_base_dispatch
  event_dispatch();
  // ENTRY: ::event_dispatch
  event_base_loop(any, any);
  // ENTRY: ::event_base_loop
  event_loop(any);
  // ENTRY: ::event_loop
  evutil_getaddrinfo(any, any, any, any);
  // ENTRY: ::evutil_getaddrinfo
  evdns_base_resolv_conf_parse(any, any, any);
  // ENTRY: ::evdns_base_resolv_conf_parse
  evdns_base_load_hosts(any, any);
  // ENTRY: ::evdns_base_load_hosts
  co_return;
}

cppcoro::task<> once(event_base *base) {
  event_base_loop(base, EVLOOP_NONBLOCK); // polls once and returns
  event_base_loop(base, EVLOOP_ONCE);
  // ENTRY: ::event_base_loop
  co_return;
}
