// The shape of current Asio's completion-token API (1.30 and later), where an
// asynchronous operation called without a completion token returns a
// deferred operation: the default token is `deferred`, and partial tokens
// such as `cancel_after(d)`, `as_tuple` and `redirect_error` wrap it.
// `awaitable<>`'s promise accepts those operations through an
// `await_transform(Op&&)` constrained by `is_async_operation<Op>`.
#pragma once
#include <chrono>
#include <coroutine>
#include <exception>
#include <future>
#include <system_error>
#include <tuple>
#include <type_traits>
#include <utility>

namespace asio {

using error_code = std::error_code;

template <bool Condition, class Type = int> struct constraint {};
template <class Type> struct constraint<true, Type> {
  using type = Type;
};
template <bool Condition, class Type = int>
using constraint_t = typename constraint<Condition, Type>::type;

class any_io_executor {};

namespace detail {
struct async_operation_probe {};
template <class T, class = void> struct is_async_operation_call
    : std::false_type {};
template <class T>
struct is_async_operation_call<
    T, std::void_t<decltype(std::declval<T>()(async_operation_probe()))>>
    : std::true_type {};
} // namespace detail

/// Whether T can be called with a completion token.
template <class T, class... Args>
struct is_async_operation : detail::is_async_operation_call<T> {};

template <class Signature, class Initiation, class... InitArgs>
class [[nodiscard]] deferred_async_operation {
public:
  explicit deferred_async_operation(Initiation init, InitArgs... args)
      : initiation_(std::move(init)) {}
  template <class CompletionToken> auto operator()(CompletionToken &&) && {}

private:
  Initiation initiation_;
};

struct deferred_t {};
inline constexpr deferred_t deferred;

template <class Executor> struct default_completion_token {
  using type = deferred_t;
};
template <class Executor>
using default_completion_token_t =
    typename default_completion_token<Executor>::type;

/// The primary template calls the initiation with the handler itself.
template <class Token, class Signature> struct async_result {
  template <class Initiation, class Handler, class... Args>
  static void initiate(Initiation &&init, Handler &&handler, Args &&...args) {
    std::forward<Initiation>(init)(std::forward<Handler>(handler),
                                   std::forward<Args>(args)...);
  }
};

template <class Signature> struct async_result<deferred_t, Signature> {
  template <class Initiation, class... Args>
  static auto initiate(Initiation &&init, deferred_t, Args &&...args) {
    return deferred_async_operation<Signature, std::decay_t<Initiation>,
                                    std::decay_t<Args>...>(
        std::forward<Initiation>(init), std::forward<Args>(args)...);
  }
};

template <class Token, class Signature, class Initiation, class... Args>
auto async_initiate(Initiation &&init, Token &&token, Args &&...args) {
  return async_result<std::decay_t<Token>, Signature>::initiate(
      std::forward<Initiation>(init), std::forward<Token>(token),
      std::forward<Args>(args)...);
}

// Token adapters.
template <class Inner> struct as_tuple_t {
  Inner inner;
};
template <class Inner> as_tuple_t<Inner> as_tuple(Inner inner) {
  return {inner};
}
template <class Inner, class... Ts>
struct async_result<as_tuple_t<Inner>, void(Ts...)> {
  template <class Initiation, class... Args>
  static auto initiate(Initiation &&init, as_tuple_t<Inner> token,
                       Args &&...args) {
    return async_result<Inner, void(std::tuple<Ts...>)>::initiate(
        std::forward<Initiation>(init), token.inner,
        std::forward<Args>(args)...);
  }
};

template <class Inner> struct redirect_error_t {
  Inner inner;
  error_code &ec;
};
template <class Inner>
redirect_error_t<Inner> redirect_error(Inner inner, error_code &ec) {
  return {inner, ec};
}
template <class Inner, class... Ts>
struct async_result<redirect_error_t<Inner>, void(error_code, Ts...)> {
  template <class Initiation, class... Args>
  static auto initiate(Initiation &&init, redirect_error_t<Inner> token,
                       Args &&...args) {
    return async_result<Inner, void(Ts...)>::initiate(
        std::forward<Initiation>(init), token.inner,
        std::forward<Args>(args)...);
  }
};

/// cancel_after(d) with no inner token: a partial token that completes with
/// the default one.
template <class Duration> struct partial_cancel_after {
  Duration timeout;
};
template <class Rep, class Period>
partial_cancel_after<std::chrono::duration<Rep, Period>>
cancel_after(std::chrono::duration<Rep, Period> timeout) {
  return {timeout};
}
template <class Duration, class Signature>
struct async_result<partial_cancel_after<Duration>, Signature> {
  template <class Initiation, class... Args>
  static auto initiate(Initiation &&init, partial_cancel_after<Duration>,
                       Args &&...args) {
    return async_result<deferred_t, Signature>::initiate(
        std::forward<Initiation>(init), deferred, std::forward<Args>(args)...);
  }
};

struct detached_t {};
inline constexpr detached_t detached;
template <class Signature> struct async_result<detached_t, Signature> {
  template <class Initiation, class... Args>
  static void initiate(Initiation &&, detached_t, Args &&...) {}
};

struct use_future_t {};
inline constexpr use_future_t use_future;
template <class Signature> struct async_result<use_future_t, Signature> {
  template <class Initiation, class... Args>
  static std::future<void> initiate(Initiation &&, use_future_t, Args &&...) {
    return {};
  }
};

template <class T = void, class Executor = any_io_executor> class awaitable;

struct use_awaitable_t {};
inline constexpr use_awaitable_t use_awaitable;
template <class Signature> struct async_result<use_awaitable_t, Signature> {
  template <class Initiation, class... Args>
  static awaitable<void> initiate(Initiation &&, use_awaitable_t, Args &&...);
};

namespace this_coro {
struct executor_t {};
inline constexpr executor_t executor;
} // namespace this_coro

template <class T, class Executor> class awaitable_frame {
public:
  awaitable<T, Executor> get_return_object();
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() {}
  void return_void() {}

  template <class U> auto await_transform(awaitable<U, Executor> a) const {
    return a;
  }
  template <class Op>
  auto await_transform(Op &&op,
                       constraint_t<is_async_operation<Op>::value> = 0) {
    return awaitable<void, Executor>();
  }
  auto await_transform(this_coro::executor_t) noexcept {
    struct result {
      bool await_ready() const noexcept { return true; }
      void await_suspend(std::coroutine_handle<>) noexcept {}
      Executor await_resume() const noexcept { return {}; }
    };
    return result{};
  }
  template <class Function>
  auto await_transform(
      Function f,
      std::enable_if_t<std::is_convertible_v<
          std::invoke_result_t<Function, awaitable_frame *>, void *>> * =
          nullptr) {
    return awaitable<void, Executor>();
  }
};

template <class T, class Executor> class [[nodiscard]] awaitable {
public:
  using promise_type = awaitable_frame<T, Executor>;
  awaitable() = default;
  awaitable(awaitable &&) = default;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  T await_resume() {}
};

template <class Clock> class basic_waitable_timer {
public:
  using executor_type = any_io_executor;
  explicit basic_waitable_timer(any_io_executor);
  void expires_after(typename Clock::duration);

  template <class WaitToken = default_completion_token_t<executor_type>>
  auto async_wait(
      WaitToken &&token = default_completion_token_t<executor_type>()) {
    return async_initiate<WaitToken, void(error_code)>(
        initiate_async_wait{this}, std::forward<WaitToken>(token));
  }

private:
  struct initiate_async_wait {
    basic_waitable_timer *self;
    template <class Handler> void operator()(Handler &&) const {}
  };
};
using steady_timer = basic_waitable_timer<std::chrono::steady_clock>;

struct const_buffer {
  const void *data;
  std::size_t size;
};
inline const_buffer buffer(const void *data, std::size_t size) {
  return {data, size};
}

namespace ip::tcp {
class socket {
public:
  using executor_type = any_io_executor;
};
} // namespace ip::tcp

namespace detail {
template <class Stream> struct initiate_async_write {
  Stream *stream;
  template <class Handler, class Buffers>
  void operator()(Handler &&, const Buffers &) const {}
};
} // namespace detail

template <class Stream, class Buffers,
          class WriteToken =
              default_completion_token_t<typename Stream::executor_type>>
auto async_write(Stream &s, const Buffers &buffers,
                 WriteToken &&token = default_completion_token_t<
                     typename Stream::executor_type>()) {
  return async_initiate<WriteToken, void(error_code, std::size_t)>(
      detail::initiate_async_write<Stream>{&s},
      std::forward<WriteToken>(token), buffers);
}

namespace detail {
/// The initiation of operations whose work the model leaves out.
struct initiate_noop {
  template <class Handler, class... Args>
  void operator()(Handler &&, Args &&...) const {}
};
} // namespace detail

template <class Executor, class T, class Token>
auto co_spawn(Executor ex, awaitable<T, Executor> a, Token &&token) {
  return async_initiate<Token, void(std::exception_ptr)>(
      detail::initiate_noop{}, std::forward<Token>(token));
}

namespace experimental {
template <class Signature> class channel {
public:
  using executor_type = any_io_executor;
  template <class SendToken = default_completion_token_t<executor_type>>
  auto async_send(error_code ec,
                  SendToken &&token = default_completion_token_t<executor_type>()) {
    return async_initiate<SendToken, void(error_code)>(
        detail::initiate_noop{}, std::forward<SendToken>(token), ec);
  }
};

struct wait_for_all {};
template <class... Ops> class parallel_group {
public:
  explicit parallel_group(Ops... ops) {}
  template <class Condition, class Token = deferred_t>
  auto async_wait(Condition, Token &&token = Token()) {
    return async_initiate<Token, void(std::exception_ptr)>(
        detail::initiate_noop{}, std::forward<Token>(token));
  }
};
template <class... Ops> parallel_group<Ops...> make_parallel_group(Ops... ops) {
  return parallel_group<Ops...>(std::move(ops)...);
}

namespace awaitable_operators {
template <class Executor>
awaitable<void, Executor> operator&&(awaitable<void, Executor>,
                                     awaitable<void, Executor>);
} // namespace awaitable_operators
} // namespace experimental

} // namespace asio
