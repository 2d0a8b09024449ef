// A model of a third-party client library in the style of Asio-based
// libraries (Boost.MySQL, Boost.Redis, MQTT clients): each operation comes as
// a synchronous member and an asynchronous twin that takes a completion token,
// or an awaitable-returning twin in the fAsync / AsyncF style. The blocking
// database has no entry for any of it.
#ifndef ASYNC_LINT_TEST_ASIO_STYLE_CLIENT_H
#define ASYNC_LINT_TEST_ASIO_STYLE_CLIENT_H

#include <coroutine>
#include <functional>
#include <string>

namespace mqttlite {

class error_code {
public:
  explicit operator bool() const;
};

template <typename T> struct result_awaiter {
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>) noexcept;
  T await_resume();
};

class session_base {
public:
  void keepalive();
  template <typename CompletionToken> void async_keepalive(CompletionToken &&token);
};

class client : public session_base {
public:
  void connect(const std::string &host, int port);
  void connect(const std::string &host, int port, error_code &ec);
  template <typename CompletionToken>
  void async_connect(const std::string &host, int port, CompletionToken &&token);

  void publish(const std::string &topic, const std::string &payload, int qos = 0);
  template <typename CompletionToken>
  void async_publish(const std::string &topic, const std::string &payload, int qos, CompletionToken &&token);

  // The asynchronous form takes fewer parameters than the synchronous one:
  // not a twin (the superset rule).
  void subscribe(const std::string &topic, int qos, const std::string &options);
  template <typename CompletionToken> void async_subscribe(const std::string &topic, CompletionToken &&token);

  // Returns void and takes no handler: not asynchronous, not a twin.
  void disconnect();
  void async_disconnect();

  // Awaitable-returning twins.
  std::string fetch(const std::string &key);
  result_awaiter<std::string> fetchAsync(const std::string &key);
  int Ping();
  result_awaiter<int> AsyncPing();

  // A callback twin.
  void flush();
  void flush_async(std::function<void(error_code)> callback);

  // Takes an error_code and a completion token: asynchronous itself.
  template <typename CompletionToken> void resolve(const std::string &host, error_code &ec, CompletionToken &&token);
  template <typename CompletionToken> void async_resolve(const std::string &host, CompletionToken &&token);

  // A twin whose parameter types do not accept the arguments.
  void set_will(int qos);
  template <typename CompletionToken> void async_set_will(const error_code &will, CompletionToken &&token);

  // A twin the library keeps to itself.
  void reconnect();

  // Itself the asynchronous form.
  template <typename CompletionToken> void async_ping(CompletionToken &&token);
  result_awaiter<int> status();

private:
  template <typename CompletionToken> void async_reconnect(CompletionToken &&token);
};

// Free functions: the twin lives in the same namespace.
void send_packet(client &c, const std::string &packet);
template <typename CompletionToken> void async_send_packet(client &c, const std::string &packet, CompletionToken &&token);

struct use_awaitable_t {};
inline constexpr use_awaitable_t use_awaitable{};

} // namespace mqttlite

#endif
