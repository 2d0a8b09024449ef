// RUN: %check_async_lint %s %t -- %cxx20

// Boost.Beast is not in the blocking-call database: its synchronous
// operations are found through its own code, down to the Boost.Asio entries
// it ends in; its asynchronous ones, awaited with use_awaitable or deferred,
// are initiations and stay silent. (Beast's headers are slow to parse: every
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
  // CHECK-NOTES: :[[@LINE-1]]:6: warning: 'stream::read' blocks the thread inside coroutine 'next_message'; every other task on this executor stalls until it returns (category: network-io) [async-blocking-call]
  // CHECK-NOTES: websocket/impl/read.hpp:{{[0-9]+}}:{{[0-9]+}}: note: 'stream::read' calls 'stream::read'{{$}}
  // CHECK-NOTES: websocket/impl/read.hpp:{{[0-9]+}}:{{[0-9]+}}: note: 'stream::read' calls 'stream::read_some'{{$}}
  // CHECK-NOTES: websocket/impl/read.hpp:{{[0-9]+}}:{{[0-9]+}}: note: 'stream::read_some' calls 'stream::read_some'{{$}}
  // CHECK-NOTES: websocket/impl/read.hpp:{{[0-9]+}}:{{[0-9]+}}: note: 'stream::read_some' calls 'boost::asio::basic_stream_socket::read_some', which blocks; instead: co_await socket.async_read_some(buffer, boost::asio::use_awaitable)
  co_return beast::buffers_to_string(buffer.data());
}

awaitable<void> send_message(websocket::stream<tcp::socket> &ws, std::string text) {
  ws.write(net::buffer(text));
  // CHECK-NOTES: :[[@LINE-1]]:6: warning: 'stream::write' blocks the thread inside coroutine 'send_message'; every other task on this executor stalls until it returns (category: network-io) [async-blocking-call]
  // CHECK-NOTES: websocket/impl/write.hpp:{{[0-9]+}}:{{[0-9]+}}: note: 'stream::write' calls 'stream::write'{{$}}
  // CHECK-NOTES: websocket/impl/write.hpp:{{[0-9]+}}:{{[0-9]+}}: note: 'stream::write' calls 'stream::write_some'{{$}}
  // CHECK-NOTES: websocket/impl/write.hpp:{{[0-9]+}}:{{[0-9]+}}: note: 'stream::write_some' calls 'boost::asio::write', which blocks{{.*}}
  co_return;
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
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'read' blocks the thread inside coroutine 'serve_http'; every other task on this executor stalls until it returns (category: network-io) [async-blocking-call]
  // CHECK-NOTES: http/impl/read.hpp:{{[0-9]+}}:{{[0-9]+}}: note: 'read' calls 'read'{{$}}
  // CHECK-NOTES: http/impl/read.hpp:{{[0-9]+}}:{{[0-9]+}}: note: 'read' calls 'read'{{$}}
  // CHECK-NOTES: http/impl/read.hpp:{{[0-9]+}}:{{[0-9]+}}: note: 'read' calls 'sync_read_op'{{$}}
  // CHECK-NOTES: http/impl/read.hpp:{{[0-9]+}}:{{[0-9]+}}: note: 'sync_read_op' calls 'read_some'{{$}}
  // CHECK-NOTES: http/impl/read.hpp:{{[0-9]+}}:{{[0-9]+}}: note: 'read_some' calls 'basic_stream::read_some'{{$}}
  // CHECK-NOTES: core/basic_stream.hpp:{{[0-9]+}}:{{[0-9]+}}: note: 'basic_stream::read_some' calls 'boost::asio::basic_stream_socket::read_some', which blocks{{.*}}
  http::response<http::string_body> res{http::status::ok, req.version()};
  res.body() = "hello";
  res.prepare_payload();
  http::write(stream, res);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'write' blocks the thread inside coroutine 'serve_http'; every other task on this executor stalls until it returns (category: network-io) [async-blocking-call]
  // CHECK-NOTES: http/impl/write.hpp:{{.*}}: note: 'write' calls 'write'{{$}}
  // CHECK-NOTES: http/impl/write.hpp:{{.*}}: note: 'write' calls 'write'{{$}}
  // CHECK-NOTES: http/impl/write.hpp:{{.*}}: note: 'write' calls 'write_some'{{$}}
  // CHECK-NOTES: http/impl/write.hpp:{{.*}}: note: 'write_some' calls 'write_some_impl'{{$}}
  // CHECK-NOTES: http/impl/write.hpp:{{.*}}: note: 'write_some_impl' calls 'serializer::next'{{$}}
  // CHECK-NOTES: http/impl/serializer.hpp:{{.*}}: note: 'serializer::next' calls 'serializer::do_visit'{{$}}
  // CHECK-NOTES: http/impl/serializer.hpp:{{.*}}: note: 'serializer::do_visit' calls 'write_some_lambda::operator()'{{$}}
  // CHECK-NOTES: http/impl/write.hpp:{{.*}}: note: 'write_some_lambda::operator()' calls 'basic_stream::write_some'{{$}}
  // CHECK-NOTES: core/basic_stream.hpp:{{.*}}: note: 'basic_stream::write_some' calls 'boost::asio::basic_stream_socket::write_some', which blocks{{.*}}
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
