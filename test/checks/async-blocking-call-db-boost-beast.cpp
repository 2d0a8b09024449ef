// RUN: %python %S/../verify_blocking_db.py %async-lint %s -- %cxx20

// Every Boost.Beast entry of checks/data/blocking-calls.yaml (its synchronous
// API), called from a coroutine against the real headers (Boost 1.81). The
// line after each call names the entry it exercises.

#include "cppcoro_task.h"

#include <boost/beast/core/file.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/stream.hpp>

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

cppcoro::task<> httpIo(beast::tcp_stream &stream, const tcp::resolver::results_type &results,
                       const tcp::endpoint &ep) {
  beast::flat_buffer buffer;
  beast::error_code ec;
  http::request<http::string_body> req;
  http::response<http::string_body> res;
  http::response_parser<http::string_body> parser;
  http::request_serializer<http::string_body> sr{req};
  http::read(stream, buffer, res);
  // ENTRY: ::boost::beast::http::read
  http::read(stream, buffer, parser, ec);
  // ENTRY: ::boost::beast::http::read
  http::read_header(stream, buffer, parser);
  // ENTRY: ::boost::beast::http::read_header
  http::read_some(stream, buffer, parser);
  // ENTRY: ::boost::beast::http::read_some
  http::write(stream, req);
  // ENTRY: ::boost::beast::http::write
  http::write(stream, sr, ec);
  // ENTRY: ::boost::beast::http::write
  http::write_header(stream, sr);
  // ENTRY: ::boost::beast::http::write_header
  http::write_some(stream, sr);
  // ENTRY: ::boost::beast::http::write_some
  stream.connect(results);
  // ENTRY: ::boost::beast::basic_stream::connect
  stream.connect(ep, ec);
  // ENTRY: ::boost::beast::basic_stream::connect
  char data[64];
  stream.read_some(net::buffer(data));
  // ENTRY: ::boost::beast::basic_stream::read_some
  stream.write_some(net::buffer(data));
  // ENTRY: ::boost::beast::basic_stream::write_some
  // The asynchronous forms: not reported.
  http::async_read(stream, buffer, res, [](beast::error_code, std::size_t) {});
  stream.async_connect(ep, [](beast::error_code) {});
  co_return;
}

cppcoro::task<> websockets(websocket::stream<beast::tcp_stream> &ws) {
  beast::flat_buffer buffer;
  beast::error_code ec;
  websocket::response_type res;
  ws.handshake("example.com", "/");
  // ENTRY: ::boost::beast::websocket::stream::handshake
  ws.handshake(res, "example.com", "/", ec);
  // ENTRY: ::boost::beast::websocket::stream::handshake
  ws.accept();
  // ENTRY: ::boost::beast::websocket::stream::accept
  ws.read(buffer);
  // ENTRY: ::boost::beast::websocket::stream::read
  ws.read_some(buffer, 512);
  // ENTRY: ::boost::beast::websocket::stream::read_some
  ws.write(buffer.data());
  // ENTRY: ::boost::beast::websocket::stream::write
  ws.write_some(true, buffer.data());
  // ENTRY: ::boost::beast::websocket::stream::write_some
  ws.ping({});
  // ENTRY: ::boost::beast::websocket::stream::ping
  ws.pong({});
  // ENTRY: ::boost::beast::websocket::stream::pong
  ws.close(websocket::close_code::normal);
  // ENTRY: ::boost::beast::websocket::stream::close
  ws.text(true); // sets an option
  ws.async_read(buffer, [](beast::error_code, std::size_t) {});
  co_return;
}

cppcoro::task<> tls(beast::ssl_stream<beast::tcp_stream> &s) {
  char data[64];
  s.handshake(net::ssl::stream_base::client);
  // ENTRY: ::boost::beast::ssl_stream::handshake
  s.read_some(net::buffer(data));
  // ENTRY: ::boost::beast::ssl_stream::read_some
  s.write_some(net::buffer(data));
  // ENTRY: ::boost::beast::ssl_stream::write_some
  s.shutdown();
  // ENTRY: ::boost::beast::ssl_stream::shutdown
  co_return;
}

cppcoro::task<> files(beast::file &f, beast::file_stdio &stdio) {
  beast::error_code ec;
  char data[64];
  f.open("/tmp/x", beast::file_mode::read, ec);
  // ENTRY: ::boost::beast::file_posix::open
  f.read(data, sizeof data, ec);
  // ENTRY: ::boost::beast::file_posix::read
  f.write(data, sizeof data, ec);
  // ENTRY: ::boost::beast::file_posix::write
  f.size(ec);
  // ENTRY: ::boost::beast::file_posix::size
  f.close(ec);
  // ENTRY: ::boost::beast::file_posix::close
  stdio.open("/tmp/x", beast::file_mode::read, ec);
  // ENTRY: ::boost::beast::file_stdio::open
  stdio.read(data, sizeof data, ec);
  // ENTRY: ::boost::beast::file_stdio::read
  stdio.write(data, sizeof data, ec);
  // ENTRY: ::boost::beast::file_stdio::write
  stdio.size(ec);
  // ENTRY: ::boost::beast::file_stdio::size
  stdio.close(ec);
  // ENTRY: ::boost::beast::file_stdio::close
  co_return;
}
