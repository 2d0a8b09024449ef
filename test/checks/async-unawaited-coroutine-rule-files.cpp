// RUN: %check_async_lint %s %t -- %cxx20
// RUN: %check_async_lint --check-suffix=RULES %s %t \
// RUN:   --config="{CheckOptions: {async-unawaited-coroutine.RuleFiles: '%S/../Inputs/awaitable-rules-extra.yaml'}}" \
// RUN:   -- %cxx20
// RUN: %async-lint --dump-config --config="{CheckOptions: {async-unawaited-coroutine.RuleFiles: 'a.yaml;b.yaml'}}" %s -- %cxx20 \
// RUN:   | FileCheck %s --check-prefix=DUMP
// DUMP: async-unawaited-coroutine.RuleFiles: 'a.yaml;b.yaml'
// RUN: not %async-lint --checks='-*,async-unawaited-coroutine' --cache-dir=%t-cache \
// RUN:   --config="{CheckOptions: {async-unawaited-coroutine.RuleFiles: '%S/../Inputs/awaitable-rules-bad.yaml'}}" %s -- %cxx20 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BAD
// BAD: awaitable-rules-bad.yaml:3:{{[0-9]+}}: {{.*}}
//
// RuleFiles: library knowledge for await_transform constraints that name a
// trait the translation unit never instantiates. Without the project's rule
// the check cannot tell whether is_job<job> holds and stays silent; with it,
// the forgotten co_await is found and worded as the rule says.

#include <coroutine>
#include <type_traits>
#include <utility>

namespace jobs {
/// Whether T can be run by the scheduler: the TU never instantiates it for
/// job (until the co_await is written), so only a rule can say.
template <class T, class = void> struct is_job : std::false_type {};
template <class T>
struct is_job<T, std::void_t<decltype(&T::run)>> : std::true_type {};

struct job {
  void run();
};
job make_job(int id);

/// Explicitly specialised: the AST holds the answer, no rule needed.
struct report {};
template <> struct is_job<report, void> : std::true_type {};
report make_report();

template <class T = void> class [[nodiscard]] task {
public:
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void unhandled_exception() {}
    void return_void() {}
    template <class Job>
    std::suspend_always
    await_transform(Job &&,
                    std::enable_if_t<is_job<std::decay_t<Job>>::value> * =
                        nullptr) {
      return {};
    }
    template <class U> task<U> &&await_transform(task<U> &&t) {
      return std::move(t);
    }
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() {}
};
} // namespace jobs

jobs::task<> scheduler() {
  jobs::make_report();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'make_report' returns an awaitable that is discarded; it is never awaited [async-unawaited-coroutine]
  // CHECK-MESSAGES-RULES: :[[@LINE-2]]:3: warning: 'jobs::make_report()' returns a job that is discarded; it is never scheduled [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await jobs::make_report();{{$}}
  // CHECK-FIXES-RULES: {{^}}  co_await jobs::make_report();{{$}}
  jobs::make_job(1);
  // CHECK-MESSAGES-RULES: :[[@LINE-1]]:3: warning: 'jobs::make_job()' returns a job that is discarded; it is never scheduled [async-unawaited-coroutine]
  // CHECK-FIXES-RULES: {{^}}  co_await jobs::make_job(1);{{$}}
  co_return;
}

void not_a_coroutine() { jobs::make_job(2); }
