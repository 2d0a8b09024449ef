// RUN: %check_async_lint %s %t -- -std=c++23 -isystem %inputs
// The runner fails on any warning in a file without CHECK lines: nothing
// below may be reported. (C++23 for the explicit object parameter.)

#include "concurrencpp_result.h"
#include "cppcoro_task.h"
#include "folly_task.h"
#include "task_spawners.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

cppcoro::task<void> send(const std::string &text);
cppcoro::task<void> send_view(std::string_view text);
cppcoro::task<void> send_copy(std::string text);
std::string load_banner();

// Awaited in the same full-expression: the temporary outlives the await.
cppcoro::task<void> awaited() {
  co_await send("hello");
  co_await send_view(load_banner());
  co_await cppcoro::when_all(send("a"), send("b"));
  std::size_t n = (co_await send("x"), 1u);
  (void)n;
}
cppcoro::task<int> size_of(const std::string &s);
cppcoro::task<int> returned_awaited() { co_return co_await size_of("abc"); }

// Run in place by an awaiter before the statement ends.
void run_in_place() {
  cppcoro::sync_wait(send("hello"));
  folly::coro::Task<int> parse(std::string_view);
  folly::coro::blockingWait(parse(load_banner()));
}

// By-value parameters copy the argument into the frame.
cppcoro::task<void> by_value() {
  auto t = send_copy("hello");
  co_await t;
}
cppcoro::task<void> by_value_returned() { return send_copy(load_banner()); }

// String literals, statics, globals and heap objects do not die here.
std::string global_banner;
cppcoro::task<void> static_storage() {
  auto a = send_view("literal");
  static std::string cached = load_banner();
  auto b = send(cached);
  auto c = send(global_banner);
  co_await a;
  co_await b;
  co_await c;
}
cppcoro::task<void> from_heap() {
  auto owned = std::make_unique<std::string>("x");
  return send(*owned);
}
cppcoro::task<void> returned_static() {
  static std::string s;
  return send(s);
}

// References that come from the caller's own reference parameters: the
// caller's contract.
cppcoro::task<void> forward_ref(const std::string &text) { return send(text); }
cppcoro::task<void> forward_view(std::string_view text) {
  return send_view(text);
}
struct Client {
  cppcoro::task<std::string> fetch();
  std::string host;
};
cppcoro::task<std::string> forward_object(Client &client) {
  return client.fetch();
}
cppcoro::task<std::string> through_pointer(Client *client) {
  return client->fetch();
}
cppcoro::task<std::string> through_shared(std::shared_ptr<Client> client) {
  return client->fetch();
}
struct Session {
  cppcoro::task<void> run();
  cppcoro::task<void> start() { return run(); }
  std::string name;
  cppcoro::task<void> greet() { return send(name); }
};

// A local awaited before it dies.
cppcoro::task<void> local_awaited() {
  std::string banner = load_banner();
  auto t = send(banner);
  co_await t;
  Client client;
  auto f = client.fetch();
  co_await f;
}
// A local whose task is awaited through a local container.
cppcoro::task<void> local_in_container() {
  std::string banner = load_banner();
  std::vector<cppcoro::task<void>> tasks;
  tasks.push_back(send(banner));
  co_await cppcoro::when_all(tasks.begin(), tasks.end());
}
// Spawned, then joined before the local dies.
cppcoro::task<void> spawn_then_join(cppcoro::async_scope &scope) {
  std::string banner = load_banner();
  scope.spawn(send(banner));
  co_await scope.join();
}
// Spawned into a scope that dies (and joins) before the local.
folly::coro::Task<void> publish(const std::string &text);
void spawn_into_local_scope() {
  std::string banner = load_banner();
  folly::coro::AsyncScope scope;
  scope.add(publish(banner));
}
// Spawned, then the function runs the work itself.
void drain(cppcoro::async_scope &scope);
void spawn_then_drain(cppcoro::async_scope &scope) {
  std::string banner = load_banner();
  scope.spawn(send(banner));
  drain(scope);
}
// A task that is never used is async-unawaited-coroutine's concern.
void never_used() { auto t = send("hello"); }

// Lambdas: awaited in place, kept alive, or with an explicit object
// parameter whose captures move into the frame.
cppcoro::task<int> lambdas() {
  int x = 1;
  int a = co_await [x]() -> cppcoro::task<int> { co_return x; }();
  auto job = [x]() -> cppcoro::task<int> { co_return x; };
  auto t = job();
  int b = co_await t;
  auto self_owned = [x](this auto self) -> cppcoro::task<int> { co_return x; }();
  int c = co_await self_owned;
  auto no_captures = []() -> cppcoro::task<int> { co_return 1; }();
  int d = co_await no_captures;
  co_return a + b + c + d;
}
void spawn_lambda_by_value(cppcoro::async_scope &scope) {
  std::string banner = load_banner();
  scope.spawn(
      [banner](this auto) -> cppcoro::task<void> { co_await send(banner); }());
}

// Eager coroutines that are done with the parameter before they suspend.
concurrencpp::result<int> fetch_size();
concurrencpp::result<void> log_first(const std::string &line) {
  std::size_t before = line.size();
  int size = co_await fetch_size();
  (void)(before + size);
}
concurrencpp::result<void> eager_before_suspension() {
  auto r = log_first(load_banner());
  co_await r;
}
// Only declared: what an eager coroutine does after suspending is unknown.
concurrencpp::result<void> log_elsewhere(const std::string &line);
concurrencpp::result<void> eager_unknown() {
  auto r = log_elsewhere(load_banner());
  co_await r;
}

// Lazy coroutines that never read the parameter.
cppcoro::task<void> ignores(const std::string &) { co_return; }
cppcoro::task<void> ignored_parameter() {
  auto t = ignores("hello");
  co_await t;
}

// Not coroutines: a function that returns a task it got elsewhere, and one
// declared [[clang::coro_wrapper]].
cppcoro::task<void> wrapper(const std::string &text) {
  std::string copy = text;
  return send_copy(copy);
}
[[clang::coro_wrapper]] cppcoro::task<void> declared_wrapper(const std::string &);
cppcoro::task<void> not_coroutines() {
  auto a = wrapper("hello");
  auto b = declared_wrapper("hello");
  co_await a;
  co_await b;
}

// Templates are judged as instantiated; one never instantiated says nothing.
template <typename T> cppcoro::task<void> never_instantiated() {
  auto t = send("hello");
  co_await t;
}
template <typename T> T instantiated_with_int() {
  T value{};
  return value;
}
int use_template() { return instantiated_with_int<int>(); }

// Views held in locals: what they point at is not known here.
cppcoro::task<void> view_local() {
  std::string_view view = global_banner;
  return send_view(view);
}

// A generator is not a task that runs later by itself.
cppcoro::generator<int> numbers(const std::vector<int> &values);
int first_number() {
  auto g = numbers(std::vector<int>{1, 2});
  return g.next() ? g.value() : 0;
}
