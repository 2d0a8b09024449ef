// RUN: %check_async_lint %s %t -- %cxx20
// RUN: %check_async_lint --check-suffix=STRICT %s %t \
// RUN:   --config="{CheckOptions: {async-unawaited-coroutine.AllowExplicitDiscard: false, async-unawaited-coroutine.AwaitableTypes: '::net::Deferred;::seastar::future'}}" \
// RUN:   -- %cxx20

// AllowExplicitDiscard: explicit discards are allowed by default and reported
// when it is false. AwaitableTypes: classes that are awaitable in ways the
// check cannot see (here: an operator co_await declared in another TU's
// header) are listed by name.

#include "cppcoro_task.h"
#include <tuple>

namespace net {
class Deferred {
public:
  bool cancelled() const;
};
Deferred resolve_later(const char *host);
} // namespace net

cppcoro::task<int> fetch(int id);

void discard_on_purpose() {
  (void)fetch(1);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:9: warning: 'fetch' returns a lazy task that is discarded; its body never runs; 'discard_on_purpose' is not a coroutine
  std::ignore = fetch(2);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:17: warning: 'fetch' returns a lazy task that is discarded; its body never runs; 'discard_on_purpose' is not a coroutine
}

void configured_names() {
  net::resolve_later("example.org");
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: 'resolve_later' returns an awaitable that is discarded; it is never awaited; 'configured_names' is not a coroutine
  net::resolve_later("example.org").cancelled();
}
