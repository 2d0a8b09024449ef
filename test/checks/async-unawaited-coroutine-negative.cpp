// RUN: %check_async_lint %s %t -- %cxx20

// Code that uses tasks correctly: none of it may warn.

#include "concurrencpp_result.h"
#include "cppcoro_task.h"
#include "fire_and_forget.h"
#include "folly_task.h"
#include "legacy_system_api.h"

#include <future>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

struct User {
  std::string name;
};

cppcoro::task<User> fetch_profile(int id);
cppcoro::task<> store(User user);
concurrencpp::result<int> compute(int n);
fire_and_forget notify(int id);
spawned spawn_on_pool(int id);
std::future<int> legacy_future();
std::optional<int> maybe();
std::string name_of(int id);
int count();

// Awaited, returned, co_returned.
cppcoro::task<User> awaited(int id) {
  co_await store(co_await fetch_profile(id));
  User user = co_await fetch_profile(id);
  co_await compute(id);
  co_await (id > 0 ? fetch_profile(1) : fetch_profile(2));
  co_return user;
}
cppcoro::task<User> returned_from_plain(int id) { return fetch_profile(id); }
cppcoro::task<cppcoro::task<User>> co_returned(int id) {
  co_return fetch_profile(id);
}
auto returned_by_lambda = [](int id) { return fetch_profile(id); };

// Passed on to any function: combinators, bridges, containers, std::move.
void run_all(std::vector<cppcoro::task<>> &tasks) {
  cppcoro::sync_wait(cppcoro::when_all(store(User{}), store(User{})));
  tasks.push_back(store(User{}));
  tasks.emplace_back(store(User{}));
  cppcoro::sync_wait(store(User{}));
}

// Stored in a member, a container or a variable that is used later.
class Connection {
public:
  void start() { pending = store(User{}); }
  cppcoro::task<> &current() { return pending; }
  cppcoro::task<> finish() { co_await std::move(pending); }

private:
  cppcoro::task<> pending;
};

cppcoro::task<> used_later(Connection &connection, int id) {
  auto profile = fetch_profile(id);
  co_await std::move(profile);
  auto other = fetch_profile(id);
  std::vector<cppcoro::task<User>> batch;
  batch.push_back(std::move(other));
  auto checked = fetch_profile(id);
  if (!checked.is_ready())
    co_await std::move(checked);
  [[maybe_unused]] auto ignored = fetch_profile(id);
  connection.current();
  cppcoro::task<> reassigned;
  reassigned = store(User{});
  co_await std::move(reassigned);
  for (auto &each : batch)
    co_await std::move(each);
}

// Explicit discards.
void explicit_discards() {
  (void)fetch_profile(1);
  static_cast<void>(fetch_profile(2));
  void(compute(3));
  std::ignore = fetch_profile(4);
}

// Types that are not awaitable, and coroutine types made to be dropped: an
// eager fire-and-forget type, and one whose initial_suspend schedules it.
cppcoro::task<> not_awaitable(int id) {
  legacy_future();
  maybe();
  name_of(id);
  count();
  notify(id);
  spawn_on_pool(id);
  co_await fetch_profile(id);
}

// Unevaluated operands.
using Fetched = decltype(fetch_profile(1));
static_assert(sizeof(fetch_profile(1)) > 0);
static_assert(!noexcept(fetch_profile(1)) || true);
cppcoro::task<> unevaluated() {
  decltype(store(User{})) later = store(User{});
  co_await std::move(later);
}

// Templates that are never instantiated, and generic code instantiated only
// with types that are not tasks.
template <typename T> cppcoro::task<T> fetch_as(int id);
template <typename T> void never_instantiated() { fetch_as<T>(1); }
template <typename F> void call_and_drop(F f) { f(); }
void instantiate_with_non_task() {
  call_and_drop([] { return 42; });
  auto generic = [](auto id) { fetch_as<decltype(id)>(id); };
  (void)generic;
}

// Lvalues: the task is not created here, so nothing is lost.
cppcoro::task<> lvalues(Connection &connection, cppcoro::task<> &existing) {
  connection.current();
  existing;
  std::move(existing);
  co_return;
}

// Silenced with NOLINT.
void suppressed() {
  fetch_profile(1); // NOLINT(async-unawaited-coroutine)
  // NOLINTNEXTLINE(async-unawaited-coroutine)
  fetch_profile(2);
}

// A system header's own discards are not reported.
void calls_legacy() { legacy::shutdown(); }

// folly: awaiting the Task and its SemiFuture.
folly::coro::Task<int> load_folly(int key);
folly::coro::Task<void> folly_ok(int key) {
  co_await load_folly(key);
  co_await load_folly(key).semi();
  int value = folly::coro::blockingWait(load_folly(key));
  (void)value;
}
