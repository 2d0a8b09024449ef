// RUN: %check_async_lint %s %t -- %cxx20

// A task that holds a reference to an object which dies before the task
// runs: temporaries kept past their statement, locals of a function the task
// outlives. The model headers imitate cppcoro, libcoro, folly::coro,
// async_simple and concurrencpp; see the -negative test for what must stay
// silent.

#include "async_simple_lazy.h"
#include "concurrencpp_result.h"
#include "cppcoro_task.h"
#include "folly_task.h"
#include "libcoro_task.h"
#include "task_spawners.h"

#include <span>
#include <string>
#include <string_view>
#include <vector>

cppcoro::task<void> send(const std::string &text);
std::string load_banner();

// 1. Temporaries: the statement ends, the task has not run yet.

cppcoro::task<void> greet() {
  auto t = send("hello");
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'send' is a lazy coroutine; its parameter 'text' refers to a temporary 'std::string' that is destroyed at the end of this statement, before the task runs (it is awaited at line [[@LINE+1]]); take 'text' by value or co_await the call in the same statement [async-dangling-reference]
  co_await t;
}

cppcoro::task<void> send_view(std::string_view text);
cppcoro::task<void> sum(std::span<const int> values);
std::vector<int> load_values();

cppcoro::task<void> views() {
  // A std::string prvalue viewed by a std::string_view parameter.
  auto t = send_view(load_banner());
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'send_view' is a lazy coroutine; its parameter 'text' refers to a temporary 'std::string' that is destroyed at the end of this statement, before the task runs (it is awaited at line [[@LINE+1]]);
  co_await std::move(t);
  auto s = sum(load_values());
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'sum' is a lazy coroutine; its parameter 'values' refers to a temporary 'std::vector<int>' that is destroyed at the end of this statement, before the task runs (it is awaited at line [[@LINE+1]]);
  co_await s;
}

cppcoro::task<int> count(const int &n);
cppcoro::task<void> scalar() {
  cppcoro::task<int> t = count(42);
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'count' is a lazy coroutine; its parameter 'n' refers to a temporary 'int' that is destroyed
  co_await t;
}

// The object of a member coroutine.
class Client {
public:
  cppcoro::task<std::string> fetch(std::string_view path);
  std::string host;
};
Client make_client();

cppcoro::task<void> temporary_object() {
  auto t = make_client().fetch("/");
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'Client::fetch' is a lazy coroutine; 'this' refers to a temporary 'Client' that is destroyed at the end of this statement, before the task runs (it is awaited at line [[@LINE+1]]); keep the object alive until the task completes or co_await the call in the same statement [async-dangling-reference]
  co_await t;
}

// An immediately invoked coroutine lambda: its captures live in the closure,
// a temporary; the coroutine frame only points at it.
struct Config {
  std::size_t size() const;
};
Config config();

cppcoro::task<int> fetch_all() {
  auto job = [cfg = config()]() -> cppcoro::task<int> { co_return cfg.size(); }();
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'lambda' is a lazy coroutine; its captures live in a temporary closure object that is destroyed at the end of this statement, before the task runs (it is awaited at line [[@LINE+1]]); keep the lambda alive until the task completes, pass what it needs as parameters, or give it an explicit object parameter ('this auto self') [async-dangling-reference]
  co_return co_await job;
}

// Returned from a function that is not a coroutine.
cppcoro::task<void> greet_later() {
  return send("hello");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'send' is a lazy coroutine; its parameter 'text' refers to a temporary 'std::string' that is destroyed at the end of this statement, before the task runs (it is returned); take 'text' by value or keep the object alive until the task completes [async-dangling-reference]
}

// Stored in a container or a member.
class Outbox {
public:
  void queue_banner() {
    pending_.push_back(send(load_banner()));
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'send' is a lazy coroutine; its parameter 'text' refers to a temporary 'std::string' that is destroyed at the end of this statement, before the task runs (it is stored);
    last_ = send("bye");
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'send' is a lazy coroutine; its parameter 'text' refers to a temporary 'std::string' that is destroyed at the end of this statement, before the task runs (it is stored);
  }

private:
  std::vector<cppcoro::task<void>> pending_;
  cppcoro::task<void> last_;
};

// Handed to a spawner: it runs after the statement.
cppcoro::task<void> spawn_temporary(cppcoro::async_scope &scope) {
  scope.spawn(send("hello"));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'send' is a lazy coroutine; its parameter 'text' refers to a temporary 'std::string' that is destroyed at the end of this statement, before the task runs (it is spawned by 'cppcoro::async_scope::spawn' and runs later); take 'text' by value or keep the object alive until the task completes (e.g. spawn a coroutine that owns it) [async-dangling-reference]
  co_await scope.join();
}

// Through a local, then handed on.
coro::task<void> relay(const std::string &line);
void start_relay(coro::thread_pool &pool) {
  auto t = relay(load_banner());
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'relay' is a lazy coroutine; its parameter 'line' refers to a temporary 'std::string' that is destroyed at the end of this statement, before the task runs (it is spawned by 'coro::thread_pool::spawn' at line [[@LINE+1]] and runs later);
  pool.spawn(std::move(t));
}

// Run in place, but only after the statement that made the temporary.
folly::coro::Task<int> parse(std::string_view text);
int parse_now() {
  auto t = parse(load_banner());
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'parse' is a lazy coroutine; its parameter 'text' refers to a temporary 'std::string' that is destroyed at the end of this statement, before the task runs (it is run by 'folly::coro::blockingWait' at line [[@LINE+1]]);
  return folly::coro::blockingWait(std::move(t));
}

// A pointer to a temporary's buffer.
async_simple::coro::Lazy<void> write_c(const char *text);
async_simple::coro::Lazy<void> write_banner() {
  auto t = write_c(load_banner().c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'write_c' is a lazy coroutine; its parameter 'text' refers to a temporary 'std::string' that is destroyed
  co_await std::move(t);
}

// 2. Locals: the function returns, the task still runs.

cppcoro::task<void> send_local() {
  std::string banner = load_banner();
  return send(banner);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'send' is a lazy coroutine; its parameter 'text' refers to local variable 'banner', which is destroyed when 'send_local' returns, while the task can still run (it is returned); take 'text' by value or keep 'banner' alive until the task completes [async-dangling-reference]
}

cppcoro::task<void> send_param(std::string banner) {
  return send(banner);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'send' is a lazy coroutine; its parameter 'text' refers to parameter 'banner' of 'send_param', which is destroyed when 'send_param' returns, while the task can still run (it is returned);
}

cppcoro::task<int> count_via_local() {
  int n = 3;
  auto t = count(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'count' is a lazy coroutine; its parameter 'n' refers to local variable 'n', which is destroyed when 'count_via_local' returns, while the task can still run (it is returned at line [[@LINE+1]]);
  return t;
}

void spawn_local(cppcoro::async_scope &scope) {
  std::string banner = load_banner();
  scope.spawn(send(banner));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'send' is a lazy coroutine; its parameter 'text' refers to local variable 'banner', which is destroyed when 'spawn_local' returns, while the task can still run (it is spawned by 'cppcoro::async_scope::spawn' and runs later); take 'text' by value or keep 'banner' alive until the task completes (e.g. spawn a coroutine that owns it) [async-dangling-reference]
}

folly::coro::Task<void> flush(std::vector<int> *buffer);
void spawn_in_loop(folly::coro::AsyncScope &scope) {
  for (int i = 0; i < 3; ++i) {
    std::vector<int> buffer(16);
    scope.add(flush(&buffer));
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'flush' is a lazy coroutine; its parameter 'buffer' refers to local variable 'buffer', which is destroyed at the end of its scope, while the task can still run (it is spawned by 'folly::coro::AsyncScope::add' and runs later);
  }
}

cppcoro::task<std::string> Client::fetch(std::string_view) { co_return host; }
void fetch_detached(cppcoro::async_scope &scope) {
  Client client;
  scope.spawn(client.fetch("/"));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'Client::fetch' is a lazy coroutine; 'this' refers to local variable 'client', which is destroyed when 'fetch_detached' returns, while the task can still run (it is spawned by 'cppcoro::async_scope::spawn' and runs later); keep 'client' alive until the task completes (e.g. spawn a coroutine that owns it) [async-dangling-reference]
}

// 3. Eager coroutines: they run up to their first suspension, then resume
// later; a temporary used after that point is gone.

concurrencpp::result<int> fetch_size();
concurrencpp::result<void> log_after(const std::string &line) {
  int size = co_await fetch_size();
  (void)(line.size() + size);
}
concurrencpp::result<void> eager_temporary() {
  auto r = log_after(load_banner());
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'log_after' is an eager coroutine that uses its parameter 'line' after its first suspension; it refers to a temporary 'std::string' that is destroyed at the end of this statement, while the task is still suspended (it is awaited at line [[@LINE+1]]); take 'line' by value or co_await the call in the same statement [async-dangling-reference]
  co_await r;
}

// Templates are judged as instantiated.
template <typename T> cppcoro::task<void> send_later(T value) {
  return send(value);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'send' is a lazy coroutine; its parameter 'text' refers to parameter 'value' of 'send_later', which is destroyed when 'send_later' returns, while the task can still run (it is returned);
}
template cppcoro::task<void> send_later<std::string>(std::string);

// A local closure whose captures the returned task refers to.
cppcoro::task<int> closure_returned() {
  int base = 1;
  auto job = [n = base]() -> cppcoro::task<int> { co_return n; };
  return job();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'lambda' is a lazy coroutine; its captures live in local variable 'job', which is destroyed when 'closure_returned' returns, while the task can still run (it is returned);
}
