// RUN: %check_async_lint %s %t -- %cxx20

// The notes: where the object is made or declared, and the parameter (or
// the member coroutine) that holds the reference.

#include "cppcoro_task.h"
#include "task_spawners.h"

#include <string>

cppcoro::task<void> send(const std::string &text);
struct Client {
  cppcoro::task<int> fetch();
};
Client make_client();

cppcoro::task<void> greet() {
  auto t = send("hello");
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'send' is a lazy coroutine; its parameter 'text' refers to a temporary 'std::string' that is destroyed at the end of this statement, before the task runs (it is awaited at line [[@LINE+3]]); take 'text' by value or co_await the call in the same statement [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-2]]:17: note: the temporary is created here
  // CHECK-NOTES: :11:45: note: parameter 'text' of 'send' is declared here
  co_await t;
}

void spawn_local(cppcoro::async_scope &scope) {
  Client client;
  scope.spawn(client.fetch());
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: 'Client::fetch' is a lazy coroutine; 'this' refers to local variable 'client', which is destroyed when 'spawn_local' returns, while the task can still run (it is spawned by 'cppcoro::async_scope::spawn' and runs later); keep 'client' alive until the task completes (e.g. spawn a coroutine that owns it) [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-3]]:10: note: 'client' is declared here
  // CHECK-NOTES: :13:22: note: 'Client::fetch' is declared here
}

void spawn_lambda(cppcoro::async_scope &scope) {
  std::string banner;
  auto job = [&banner]() -> cppcoro::task<void> { co_await send(banner); };
  scope.spawn(job());
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: 'lambda' is a lazy coroutine; its captures live in local variable 'job', which is destroyed when 'spawn_lambda' returns, while the task can still run (it is spawned by 'cppcoro::async_scope::spawn' and runs later); keep the lambda alive until the task completes, pass what it needs as parameters, or give it an explicit object parameter ('this auto self') [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-3]]:8: note: 'job' is declared here
}
