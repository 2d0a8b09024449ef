// RUN: %check_async_lint %s %t -- %cxx20

// Boost.Beast's synchronous operations are database entries, found with the
// database's advice; a synchronous call the database does not name (a file
// body's open()) is found through Beast's own code, down to the entry it ends
// in. Its asynchronous operations, awaited with use_awaitable or deferred,
// are initiations and stay silent, although Beast and Boost.Asio call
// POSIX functions inside them. (Beast's headers are slow to parse: every
// Beast case is in this one file.)

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <string>

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using net::awaitable;
using net::use_awaitable;

// ---- the synchronous operations: found through Beast's code

awaitable<std::string> next_message(websocket::stream<tcp::socket> &ws) {
  beast::flat_buffer buffer;
  ws.read(buffer);
  // CHECK-NOTES: :[[@LINE-1]]:6: warning: 'boost::beast::websocket::stream::read' blocks the thread inside coroutine 'next_message'; every other task on this executor stalls until it returns; instead: co_await ws.async_read(buffer, asio::use_awaitable) (category: network-io) [async-blocking-call]
  co_return beast::buffers_to_string(buffer.data());
}

awaitable<void> send_message(websocket::stream<tcp::socket> &ws, std::string text) {
  ws.write(net::buffer(text));
  // CHECK-NOTES: :[[@LINE-1]]:6: warning: 'boost::beast::websocket::stream::write' blocks the thread inside coroutine 'send_message'; every other task on this executor stalls until it returns; instead: co_await ws.async_write(buffers, asio::use_awaitable) (category: network-io) [async-blocking-call]
  co_return;
}

awaitable<void> serve_file(beast::tcp_stream &stream, const char *path) {
  http::response<http::file_body> res;
  beast::error_code ec;
  res.body().open(path, beast::file_mode::scan, ec);
  // CHECK-NOTES: :[[@LINE-1]]:14: warning: 'value_type::open' blocks the thread inside coroutine 'serve_file'; every other task on this executor stalls until it returns (category: file-io) [async-blocking-call]
  // CHECK-NOTES: http/basic_file_body.hpp:{{[0-9]+}}:{{[0-9]+}}: note: 'value_type::open' calls 'boost::beast::file_posix::open', which blocks; instead: co_await file I/O run on a worker thread (or asio::stream_file / io_uring)
  co_await http::async_write(stream, res, use_awaitable);
}

// ---- the asynchronous operations, awaited: silent

awaitable<std::string> next_message_async(websocket::stream<beast::tcp_stream> &ws) {
  beast::flat_buffer buffer;
  co_await ws.async_read(buffer, use_awaitable);
  ws.text(true);
  co_await ws.async_write(buffer.data(), use_awaitable);
  co_return beast::buffers_to_string(buffer.data());
}

awaitable<void> serve_http(beast::tcp_stream &stream) {
  beast::flat_buffer buffer;
  http::request<http::string_body> req;
  http::read(stream, buffer, req);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'boost::beast::http::read' blocks the thread inside coroutine 'serve_http'; every other task on this executor stalls until it returns; instead: co_await http::async_read / async_read_header / async_write(stream, ..., asio::use_awaitable) (category: network-io) [async-blocking-call]
  http::response<http::string_body> res{http::status::ok, req.version()};
  res.body() = "hello";
  res.prepare_payload();
  http::write(stream, res);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'boost::beast::http::write' blocks the thread inside coroutine 'serve_http'; every other task on this executor stalls until it returns; instead: co_await http::async_read / async_read_header / async_write(stream, ..., asio::use_awaitable) (category: network-io) [async-blocking-call]
  co_return;
}

awaitable<void> serve_http_async(beast::tcp_stream &stream) {
  beast::flat_buffer buffer;
  http::request<http::string_body> req;
  co_await http::async_read(stream, buffer, req, use_awaitable);
  http::response<http::string_body> res{http::status::ok, req.version()};
  res.keep_alive(req.keep_alive());
  res.body() = "hello";
  res.prepare_payload();
  stream.expires_after(std::chrono::seconds(30));
  co_await http::async_write(stream, res, use_awaitable);
  co_await http::async_write(stream, res, net::deferred);
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

awaitable<void> session(websocket::stream<beast::tcp_stream> ws) {
  beast::get_lowest_layer(ws).expires_never();
  ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
  ws.set_option(websocket::stream_base::decorator([](websocket::response_type &res) {
    res.set(http::field::server, "session");
  }));
  co_await ws.async_accept(use_awaitable);
  for (;;) {
    beast::flat_buffer buffer;
    auto [ec, n] = co_await ws.async_read(buffer, net::as_tuple(use_awaitable));
    if (ec == websocket::error::closed)
      break;
    ws.text(ws.got_text());
    co_await ws.async_write(buffer.data(), net::deferred);
    (void)n;
  }
  co_await ws.async_close(websocket::close_code::normal, use_awaitable);
}

awaitable<void> client(net::io_context &ioc) {
  tcp::resolver resolver(co_await net::this_coro::executor);
  beast::tcp_stream stream(co_await net::this_coro::executor);
  auto results = co_await resolver.async_resolve("example.com", "80", use_awaitable);
  stream.expires_after(std::chrono::seconds(30));
  co_await stream.async_connect(results, use_awaitable);
  http::request<http::empty_body> req{http::verb::get, "/", 11};
  req.set(http::field::host, "example.com");
  co_await http::async_write(stream, req, use_awaitable);
  beast::flat_buffer buffer;
  http::response<http::dynamic_body> res;
  co_await http::async_read(stream, buffer, res, use_awaitable);
  net::steady_timer timer(ioc);
  timer.expires_after(std::chrono::milliseconds(10));
  co_await timer.async_wait(net::deferred);
}
