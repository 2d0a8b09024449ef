// RUN: %check_async_lint %s %t -- %cxx20
// RUN: %check_async_lint --check-suffix=IGNORED %s %t \
// RUN:   --config="{CheckOptions: {async-blocking-call.IgnoredSyncFunctions: 'mqttlite::client::publish;mqttlite::async_send_packet'}}" \
// RUN:   -- %cxx20 -DIGNORED
// RUN: %check_async_lint --check-suffix=OFF %s %t \
// RUN:   --config="{CheckOptions: {async-blocking-call.Categories: '*,-console,-sync-api'}}" \
// RUN:   -- %cxx20 -DOFF

// The synchronous-twin rule (category sync-api): inside a coroutine, a call to
// f is reported when the same class (or a base) or namespace declares an
// asynchronous twin (async_f, f_async, fAsync, AsyncF) that accepts f's
// arguments. Shown on a model of an Asio-style client library
// (asio_style_client.h) and on the real Boost.Asio / Boost.Beast headers.

#include "asio_style_client.h"
#include "cppcoro_task.h"

// The IGNORED run needs only the model: the real headers are left out to keep
// the test cheap.
#ifndef IGNORED
#include <boost/asio/awaitable.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffered_read_stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/flat_stream.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;
#endif

// ---- found: the model library
cppcoro::task<> client_session(mqttlite::client &c) {
  mqttlite::error_code ec;
  c.connect("broker", 1883);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'mqttlite::client::connect' is the synchronous form of 'mqttlite::client::async_connect': it blocks the thread inside coroutine 'client_session' and every other task on this executor stalls until it returns; instead: co_await c.async_connect("broker", 1883, <a completion token this coroutine type can await>) (category: sync-api) [async-blocking-call]
  // CHECK-MESSAGES-IGNORED: :[[@LINE-2]]:5: warning: 'mqttlite::client::connect' is the synchronous form
  c.connect("broker", 1883, ec);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'mqttlite::client::connect' is the synchronous form of 'mqttlite::client::async_connect'
  // CHECK-MESSAGES-IGNORED: :[[@LINE-2]]:5: warning: 'mqttlite::client::connect' is the synchronous form
  c.publish("t", "payload");
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'mqttlite::client::publish' is the synchronous form of 'mqttlite::client::async_publish'
  c.fetch("key");
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'mqttlite::client::fetch' is the synchronous form of 'mqttlite::client::fetchAsync': {{.*}}; instead: co_await c.fetchAsync("key") (category: sync-api)
  // CHECK-MESSAGES-IGNORED: :[[@LINE-2]]:5: warning: 'mqttlite::client::fetch' is the synchronous form
  c.Ping();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'mqttlite::client::Ping' is the synchronous form of 'mqttlite::client::AsyncPing': {{.*}}; instead: co_await c.AsyncPing() (category: sync-api)
  // CHECK-MESSAGES-IGNORED: :[[@LINE-2]]:5: warning: 'mqttlite::client::Ping' is the synchronous form
  c.flush();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'mqttlite::client::flush' is the synchronous form of 'mqttlite::client::flush_async': {{.*}}; instead: c.flush_async(callback) and resume the coroutine from the callback (category: sync-api)
  // CHECK-MESSAGES-IGNORED: :[[@LINE-2]]:5: warning: 'mqttlite::client::flush' is the synchronous form
  c.keepalive();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'mqttlite::session_base::keepalive' is the synchronous form of 'mqttlite::session_base::async_keepalive'
  // CHECK-MESSAGES-IGNORED: :[[@LINE-2]]:5: warning: 'mqttlite::session_base::keepalive' is the synchronous form
  mqttlite::send_packet(c, "raw");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mqttlite::send_packet' is the synchronous form of 'mqttlite::async_send_packet': {{.*}}; instead: co_await mqttlite::async_send_packet(c, "raw", <a completion token this coroutine type can await>) (category: sync-api)
  co_return;
}

// ---- not found: the model library
cppcoro::task<> client_negative(mqttlite::client &c, mqttlite::error_code &ec) {
  c.subscribe("t", 1, "retain");    // async_subscribe cannot take these arguments
  c.disconnect();                   // async_disconnect returns void and takes no handler
  c.resolve("broker", ec, mqttlite::use_awaitable); // takes an error_code and a token: asynchronous
  c.set_will(1);                    // async_set_will takes an error_code, not an int
  c.reconnect();                    // async_reconnect is private
  c.async_connect("broker", 1883, mqttlite::use_awaitable); // the asynchronous form
  c.async_ping(mqttlite::use_awaitable);                    // is the asynchronous form
  co_await c.fetchAsync("key");
  co_await c.status();              // returns an awaitable
}

// A plain function may block: it is not a coroutine.
void client_plain(mqttlite::client &c) {
  c.connect("broker", 1883);
  c.publish("t", "payload");
}

// The coroutine is the twin: it implements the asynchronous form with the
// synchronous one (on a thread of its own, say).
namespace app {
cppcoro::task<std::string> fetchAsync(mqttlite::client &c, const std::string &key) {
  co_return c.fetch(key);
}
} // namespace app

// A lambda in a coroutine that is not a coroutine runs elsewhere.
cppcoro::task<> client_lambda(mqttlite::client &c) {
  auto work = [&c] { c.connect("broker", 1883); };
  (void)work;
  co_return;
}

// ---- real headers: Boost.Asio and Boost.Beast
#ifndef IGNORED
net::awaitable<void> asio_session(tcp::socket &sock, beast::flat_stream<tcp::socket> &flat,
                                  beast::buffered_read_stream<tcp::socket, beast::flat_buffer> &buffered,
                                  beast::websocket::stream<beast::tcp_stream> &ws) {
  char data[64];
  boost::system::error_code ec;
  // The database knows these (its alternative is better): category network-io.
  sock.read_some(net::buffer(data));
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'boost::asio::basic_stream_socket::read_some' blocks the thread inside coroutine 'asio_session'; {{.*}} (category: network-io)
  // CHECK-MESSAGES-OFF: :[[@LINE-2]]:8: warning: 'boost::asio::basic_stream_socket::read_some' blocks
  ws.handshake("example.com", "/");
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'boost::beast::websocket::stream::handshake' blocks the thread inside coroutine 'asio_session'; {{.*}} (category: network-io)
  // CHECK-MESSAGES-OFF: :[[@LINE-2]]:6: warning: 'boost::beast::websocket::stream::handshake' blocks
  // The database does not: the twin rule finds them.
  flat.write_some(net::buffer(data));
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'boost::beast::flat_stream::write_some' is the synchronous form of 'boost::beast::flat_stream::async_write_some': {{.*}}; instead: co_await flat.async_write_some(net::buffer(data), boost::asio::use_awaitable) (category: sync-api)
  // Without the twin rule, they are still found through Beast's code.
  // CHECK-MESSAGES-OFF: :[[@LINE-3]]:8: warning: 'flat_stream::write_some' blocks the thread inside coroutine 'asio_session'; every other task on this executor stalls until it returns (category: network-io)
  buffered.read_some(net::buffer(data), ec);
  // CHECK-MESSAGES-OFF: :[[@LINE-1]]:12: warning: 'buffered_read_stream::read_some' blocks the thread inside coroutine 'asio_session'; every other task on this executor stalls until it returns (category: network-io)
  // CHECK-MESSAGES: :[[@LINE-2]]:12: warning: 'boost::beast::buffered_read_stream::read_some' is the synchronous form of 'boost::beast::buffered_read_stream::async_read_some': {{.*}}; instead: co_await buffered.async_read_some(net::buffer(data), boost::asio::redirect_error(boost::asio::use_awaitable, ec)) (category: sync-api)
  // Asynchronous use and calls without a twin: silent.
  co_await sock.async_read_some(net::buffer(data), net::use_awaitable);
  co_await flat.async_write_some(net::buffer(data), net::use_awaitable);
  sock.close();
  sock.non_blocking(true);
  ws.text(true);
  flat.next_layer().available();
  buffered.buffer().consume(0);
}

#endif // IGNORED
