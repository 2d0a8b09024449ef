// A sender library's coroutine task, in the shape the C++26 execution
// library words it ([exec.snd.concepts], [exec.schedule], [exec.just],
// [exec.then], [exec.as.awaitable]): a sender is a class whose
// `sender_concept` names `sender_t`; the task's promise accepts senders
// through an await_transform constrained by the `sender` concept and passes
// every other operand through unchanged.
//
// One simplification: the standard's `sender` also requires
// `get_env(sndr)` to be a queryable environment, which every class satisfies
// through get_env's fallback; it is left out here.
#pragma once
#include <concepts>
#include <coroutine>
#include <exception>
#include <tuple>
#include <type_traits>
#include <utility>

namespace execution {

struct sender_t {};

template <class Sndr>
concept is_sender = std::derived_from<typename Sndr::sender_concept, sender_t>;

template <class Sndr>
concept enable_sender = is_sender<Sndr>;

template <class Sndr>
concept sender = bool(enable_sender<std::remove_cvref_t<Sndr>>) &&
                 std::move_constructible<std::remove_cvref_t<Sndr>> &&
                 std::constructible_from<std::remove_cvref_t<Sndr>, Sndr>;

template <class... Values> struct just_sender {
  using sender_concept = sender_t;
  std::tuple<Values...> values;
};
template <class... Values> just_sender<Values...> just(Values... values) {
  return {{values...}};
}
struct just_stopped_sender {
  using sender_concept = sender_t;
};
inline just_stopped_sender just_stopped() { return {}; }

template <sender Sndr, class Fn> struct then_sender {
  using sender_concept = sender_t;
  Sndr sndr;
  Fn fn;
};
template <sender Sndr, class Fn>
then_sender<std::remove_cvref_t<Sndr>, Fn> then(Sndr &&sndr, Fn fn) {
  return {std::forward<Sndr>(sndr), fn};
}

class run_loop {
public:
  struct schedule_sender {
    using sender_concept = sender_t;
    run_loop *loop;
  };
  struct scheduler {
    run_loop *loop;
    schedule_sender schedule() const noexcept { return {loop}; }
  };
  scheduler get_scheduler() noexcept { return {this}; }
  void run();
};

template <class Scheduler> auto schedule(Scheduler &&sched) {
  return std::forward<Scheduler>(sched).schedule();
}

/// What a sender becomes when awaited: its single value.
template <class Sndr> struct sender_awaitable {
  Sndr sndr;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() {}
};

/// Not a sender: a plain value type that happens to be returned by calls.
struct receipt {
  int id;
};

/// A mutex whose lock operation is a sender.
class async_mutex {
public:
  struct lock_sender {
    using sender_concept = sender_t;
    async_mutex *mutex;
  };
  lock_sender async_lock() { return {this}; }
  void unlock();
};

template <class T = void> class [[nodiscard]] task {
public:
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void unhandled_exception() {}
    void return_void() {}

    template <sender Sndr> auto await_transform(Sndr &&sndr) {
      return sender_awaitable<std::remove_cvref_t<Sndr>>{
          std::forward<Sndr>(sndr)};
    }
    template <class Awaitable>
      requires(!sender<Awaitable>)
    Awaitable &&await_transform(Awaitable &&awaitable) noexcept {
      return std::forward<Awaitable>(awaitable);
    }
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() {}
};

} // namespace execution
