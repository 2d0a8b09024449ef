// RUN: %check_async_lint %s %t -- %cxx20

#include "cppcoro_task.h"
#include "concurrencpp_result.h"

cppcoro::task<int> fetch_profile(int id);
concurrencpp::result<int> compute(int n);

cppcoro::task<> handle(int id) {
  fetch_profile(id);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fetch_profile' returns a lazy task that is discarded; its body never runs [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await fetch_profile(id);
  compute(id);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'compute' returns an eager task that is discarded; it runs detached; its result and exceptions are lost [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await compute(id);
  co_await fetch_profile(id);
  co_return;
}
