// RUN: %check_async_lint %s %t -- %cxx20

// The forgotten co_await, across the shapes task types take in real libraries.

#include "concurrencpp_result.h"
#include "cppcoro_task.h"
#include "folly_task.h"
#include "seastar_future.h"

#include <string>
#include <vector>

struct User {
  std::string name;
};

cppcoro::task<User> fetch_profile(int id);
cppcoro::task<> store(User user);
concurrencpp::result<int> compute(int n);
folly::coro::Task<int> load_folly(int key);

// Through an alias and through a deduced return type.
using UserTask = cppcoro::task<User>;
UserTask fetch_alias(int id);
inline auto fetch_auto(int id) { return fetch_profile(id); }

cppcoro::task<> discarded_calls(int id) {
  fetch_profile(id);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fetch_profile' returns a lazy task that is discarded; its body never runs [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await fetch_profile(id);{{$}}
  fetch_alias(id);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fetch_alias' returns a lazy task
  // CHECK-FIXES: {{^}}  co_await fetch_alias(id);{{$}}
  fetch_auto(id);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fetch_auto' returns a lazy task
  // CHECK-FIXES: {{^}}  co_await fetch_auto(id);{{$}}
  store(User{"ada"});
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'store' returns a lazy task
  // CHECK-FIXES: {{^}}  co_await store(User{"ada"});{{$}}
  compute(id);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'compute' returns an eager task that is discarded; it runs detached; its result and exceptions are lost [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await compute(id);{{$}}
  co_return;
}

// Discarded through parentheses, the comma operator and either branch of ?:.
cppcoro::task<> discarded_in_expressions(bool fast, int id) {
  (fetch_profile(id));
  // CHECK-MESSAGES: :[[@LINE-1]]:4: warning: 'fetch_profile' returns a lazy task
  // CHECK-FIXES: {{^}}  (co_await fetch_profile(id));{{$}}
  fetch_profile(id), ++id;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fetch_profile' returns a lazy task
  // CHECK-FIXES: {{^}}  co_await fetch_profile(id), ++id;{{$}}
  fast ? fetch_profile(1) : fetch_alias(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'fetch_profile' returns a lazy task
  // CHECK-MESSAGES: :[[@LINE-2]]:29: warning: 'fetch_alias' returns a lazy task
  // CHECK-FIXES: {{^}}  fast ? co_await fetch_profile(1) : co_await fetch_alias(2);{{$}}
  if (fast)
    fetch_profile(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'fetch_profile' returns a lazy task
  // CHECK-FIXES: {{^}}    co_await fetch_profile(3);{{$}}
  for (int i = 0; i < id; ++i)
    store(User{});
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'store' returns a lazy task
  // CHECK-FIXES: {{^}}    co_await store(User{});{{$}}
  switch (id) {
  case 1:
    fetch_profile(4);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'fetch_profile' returns a lazy task
    // CHECK-FIXES: {{^}}    co_await fetch_profile(4);{{$}}
    break;
  default:
    break;
  }
  co_return;
}

// Members: plain, static, virtual, called through a pointer and a reference.
class Session {
public:
  virtual ~Session() = default;
  cppcoro::task<> send(std::string text);
  static cppcoro::task<> broadcast(std::string text);
  virtual cppcoro::task<> close();
};

cppcoro::task<> members(Session &session, Session *other) {
  session.send("hello");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Session::send' returns a lazy task
  // CHECK-FIXES: {{^}}  co_await session.send("hello");{{$}}
  Session::broadcast("all");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Session::broadcast' returns a lazy task
  // CHECK-FIXES: {{^}}  co_await Session::broadcast("all");{{$}}
  other->close();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Session::close' returns a lazy task
  // CHECK-FIXES: {{^}}  co_await other->close();{{$}}
  co_return;
}

// Lambdas and function objects.
struct Retry {
  cppcoro::task<int> operator()(int attempts) const;
};

cppcoro::task<> callables(Retry retry) {
  auto ping = [](int id) -> cppcoro::task<int> { co_return id; };
  ping(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ping' returns a lazy task
  // CHECK-FIXES: {{^}}  co_await ping(1);{{$}}
  retry(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Retry::operator()' returns a lazy task
  // CHECK-FIXES: {{^}}  co_await retry(3);{{$}}
  co_return;
}

// Templates, once instantiated. No fix-it: the edit would change the template
// for every instantiation, including ones where the call is not a task.
template <typename T> cppcoro::task<T> fetch_as(int id);

template <typename T> cppcoro::task<> refresh(int id) {
  fetch_as<T>(id);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fetch_as' returns a lazy task
  // CHECK-FIXES: {{^}}  fetch_as<T>(id);{{$}}
  co_return;
}
template cppcoro::task<> refresh<User>(int);

template <typename F> cppcoro::task<> run_callback(F callback) {
  callback();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'callback' returns a lazy task
  // CHECK-FIXES: {{^}}  callback();{{$}}
  co_return;
}
cppcoro::task<> use_run_callback() {
  co_await run_callback([]() -> cppcoro::task<> { co_return; });
}

// Through a function pointer, and in a coroutine template's instantiation.
cppcoro::task<> through_pointer(cppcoro::task<User> (*fetch)(int)) {
  fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fetch' returns a lazy task that is discarded; its body never runs [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await fetch(1);{{$}}
  co_return;
}
template <class T> cppcoro::task<> for_each_user(T users) {
  store(User{});
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'store' returns a lazy task that is discarded; its body never runs [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  store(User{});{{$}}
  co_return;
}
template cppcoro::task<> for_each_user<int>(int);

// Awaitables that are not coroutine tasks.
cppcoro::task<> other_awaitables(cppcoro::static_thread_pool &pool) {
  pool.schedule();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'static_thread_pool::schedule' returns an awaitable that is discarded; it is never awaited [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await pool.schedule();{{$}}
  cppcoro::static_thread_pool::schedule_operation{&pool};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: temporary 'cppcoro::static_thread_pool::schedule_operation' is an awaitable that is discarded; it is never awaited [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await cppcoro::static_thread_pool::schedule_operation{&pool};{{$}}
  co_return;
}

// A seastar-style future, awaitable through a free operator co_await and
// eager through its coroutine_traits specialization.
seastar::future<> flush_log();
seastar::future<> seastar_handler() {
  flush_log();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'flush_log' returns an eager task that is discarded; it runs detached; its result and exceptions are lost [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await flush_log();{{$}}
  co_return;
}

// folly: Task is awaited through the promise's generic await_transform, and
// semi() gives a SemiFuture with a free operator co_await.
folly::coro::Task<void> folly_handler(int key) {
  load_folly(key);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'load_folly' returns a lazy task that is discarded; its body never runs [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await load_folly(key);{{$}}
  load_folly(key).semi();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Task::semi' returns an awaitable that is discarded; it is never awaited [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await load_folly(key).semi();{{$}}
  co_return;
}

// A generator is lazy and not awaitable: dropping it is still a lost body,
// but there is nothing to co_await.
cppcoro::generator<int> numbers();
cppcoro::task<> dropped_generator() {
  numbers();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'numbers' returns a lazy coroutine that is discarded; its body never runs [async-unawaited-coroutine]
  co_return;
}

// Locals that hold a task and never use it.
cppcoro::task<> unused_locals(int id) {
  auto pending = fetch_profile(id);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'pending' holds a lazy task returned by 'fetch_profile' and is never awaited, returned or passed on; its body never runs [async-unawaited-coroutine]
  concurrencpp::result<int> detached = compute(id);
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'detached' holds an eager task returned by 'compute' and is never awaited, returned or passed on; it runs detached; its result and exceptions are lost [async-unawaited-coroutine]
  co_return;
}

// Outside a coroutine the call cannot be awaited: no fix-it, and the message
// says what to do instead.
void plain_function(int id) {
  fetch_profile(id);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fetch_profile' returns a lazy task that is discarded; its body never runs; 'plain_function' is not a coroutine and cannot await it: return it or hand it to an executor (e.g. co_spawn) [async-unawaited-coroutine]
  compute(id);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'compute' returns an eager task that is discarded; it runs detached; its result and exceptions are lost; 'plain_function' is not a coroutine
  auto on_event = [id] { fetch_profile(id); };
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'fetch_profile' returns a lazy task that is discarded; its body never runs; this lambda is not a coroutine and cannot await it
  on_event();
}

// co_await is not allowed in a handler: warn, but offer no fix-it.
cppcoro::task<> in_handler(int id) {
  try {
    co_await fetch_profile(id);
  } catch (...) {
    store(User{"fallback"});
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'store' returns a lazy task
    // CHECK-FIXES: {{^}}    store(User{"fallback"});{{$}}
  }
}
