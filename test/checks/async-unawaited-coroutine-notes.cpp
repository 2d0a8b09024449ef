// RUN: %check_async_lint %s %t -- %cxx20

// The note points at the declaration of the callee, in its header.

#include "cppcoro_task.h"

struct Profile {};
cppcoro::task<Profile> fetch_profile(int id);

cppcoro::task<> handle(int id) {
  fetch_profile(id);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'fetch_profile' returns a lazy task that is discarded; its body never runs [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-5]]:24: note: 'fetch_profile' declared here
  // CHECK-FIXES: {{^}}  co_await fetch_profile(id);{{$}}
  cppcoro::when_all(fetch_profile(1), fetch_profile(2));
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'when_all' returns a lazy task that is discarded; its body never runs [async-unawaited-coroutine]
  // CHECK-NOTES: cppcoro_task.h:{{[0-9]+}}:{{[0-9]+}}: note: 'when_all' declared here
  // CHECK-FIXES: {{^}}  co_await cppcoro::when_all(fetch_profile(1), fetch_profile(2));{{$}}
  co_return;
}
