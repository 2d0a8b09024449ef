// RUN: %python %S/../verify_blocking_db.py %async-lint %s -- %cxx20 -DASIO_HAS_CO_AWAIT

// Every standalone Asio entry of checks/data/blocking-calls.yaml (its synchronous API),
// called from a coroutine against the real headers (standalone Asio 1.22, /usr/include/asio). The line
// after each call names the entry it exercises.

#include "cppcoro_task.h"

#include <asio.hpp>
#include <asio/ssl.hpp>
#include <chrono>
#include <string>
#include <vector>

namespace net = asio;
using net::ip::tcp;
using net::ip::udp;

// A random-access device in the shape Asio's read_at/write_at expect.
struct Device {
  template <typename Buffers> std::size_t read_some_at(std::uint64_t, const Buffers &, asio::error_code &);
  template <typename Buffers> std::size_t write_some_at(std::uint64_t, const Buffers &, asio::error_code &);
};

cppcoro::task<> sockets(tcp::socket &sock, udp::socket &dgram,
                        net::ip::icmp::socket &raw,
                        net::basic_seq_packet_socket<net::generic::seq_packet_protocol> &seq,
                        tcp::acceptor &acceptor, const tcp::endpoint &ep, const udp::endpoint &uep,
                        const net::ip::icmp::endpoint &iep) {
  char data[512];
  auto buf = net::buffer(data);
  asio::error_code ec;
  sock.read_some(buf);
  // ENTRY: ::asio::basic_stream_socket::read_some
  sock.write_some(buf, ec);
  // ENTRY: ::asio::basic_stream_socket::write_some
  sock.receive(buf);
  // ENTRY: ::asio::basic_stream_socket::receive
  sock.send(buf, 0);
  // ENTRY: ::asio::basic_stream_socket::send
  dgram.receive(buf);
  // ENTRY: ::asio::basic_datagram_socket::receive
  dgram.send(buf);
  // ENTRY: ::asio::basic_datagram_socket::send
  udp::endpoint sender;
  dgram.receive_from(buf, sender);
  // ENTRY: ::asio::basic_datagram_socket::receive_from
  dgram.send_to(buf, uep);
  // ENTRY: ::asio::basic_datagram_socket::send_to
  raw.receive(buf);
  // ENTRY: ::asio::basic_raw_socket::receive
  raw.send(buf);
  // ENTRY: ::asio::basic_raw_socket::send
  net::ip::icmp::endpoint from;
  raw.receive_from(buf, from);
  // ENTRY: ::asio::basic_raw_socket::receive_from
  raw.send_to(buf, iep);
  // ENTRY: ::asio::basic_raw_socket::send_to
  net::socket_base::message_flags flags = 0;
  seq.receive(buf, flags);
  // ENTRY: ::asio::basic_seq_packet_socket::receive
  seq.send(buf, 0);
  // ENTRY: ::asio::basic_seq_packet_socket::send
  sock.connect(ep);
  // ENTRY: ::asio::basic_socket::connect
  sock.wait(net::socket_base::wait_read);
  // ENTRY: ::asio::basic_socket::wait
  tcp::socket peer = acceptor.accept();
  // ENTRY: ::asio::basic_socket_acceptor::accept
  acceptor.wait(net::socket_base::wait_read, ec);
  // ENTRY: ::asio::basic_socket_acceptor::wait
  co_return;
}

cppcoro::task<> free_functions(tcp::socket &sock, Device &dev, const std::vector<tcp::endpoint> &eps) {
  char data[512];
  std::string text;
  net::read(sock, net::buffer(data));
  // ENTRY: ::asio::read
  net::write(sock, net::buffer(data));
  // ENTRY: ::asio::write
  net::read_until(sock, net::dynamic_buffer(text), "\r\n");
  // ENTRY: ::asio::read_until
  net::read_at(dev, 0, net::buffer(data));
  // ENTRY: ::asio::read_at
  net::write_at(dev, 0, net::buffer(data));
  // ENTRY: ::asio::write_at
  net::connect(sock, eps);
  // ENTRY: ::asio::connect
  co_return;
}

cppcoro::task<> resolve_and_wait(net::io_context &ctx, net::thread_pool &pool) {
  tcp::resolver resolver(ctx);
  resolver.resolve("example.com", "https");
  // ENTRY: ::asio::ip::basic_resolver::resolve
  net::steady_timer timer(ctx, std::chrono::seconds(1));
  timer.wait();
  // ENTRY: ::asio::basic_waitable_timer::wait
  ctx.run();
  // ENTRY: ::asio::io_context::run
  ctx.run_one();
  // ENTRY: ::asio::io_context::run_one
  ctx.run_for(std::chrono::milliseconds(10));
  // ENTRY: ::asio::io_context::run_for
  ctx.run_until(std::chrono::steady_clock::now() + std::chrono::milliseconds(10));
  // ENTRY: ::asio::io_context::run_until
  pool.join();
  // ENTRY: ::asio::thread_pool::join
  pool.wait();
  // ENTRY: ::asio::thread_pool::wait
  {
    net::thread_pool local(2);
    // ENTRY: ::asio::thread_pool::~thread_pool
  }
  co_return;
}

cppcoro::task<> streams(net::ssl::stream<tcp::socket> &tls, net::posix::stream_descriptor &desc,
                        net::serial_port &port, net::readable_pipe &rp, net::writable_pipe &wp,
                        net::buffered_read_stream<tcp::socket> &brs,
                        net::buffered_write_stream<tcp::socket> &bws,
                        net::buffered_stream<tcp::socket> &bs) {
  char data[512];
  auto buf = net::buffer(data);
  asio::error_code ec;
  tls.handshake(net::ssl::stream_base::client);
  // ENTRY: ::asio::ssl::stream::handshake
  tls.read_some(buf);
  // ENTRY: ::asio::ssl::stream::read_some
  tls.write_some(buf, ec);
  // ENTRY: ::asio::ssl::stream::write_some
  tls.shutdown(ec);
  // ENTRY: ::asio::ssl::stream::shutdown
  desc.read_some(buf);
  // ENTRY: ::asio::posix::basic_stream_descriptor::read_some
  desc.write_some(buf);
  // ENTRY: ::asio::posix::basic_stream_descriptor::write_some
  desc.wait(net::posix::descriptor_base::wait_read);
  // ENTRY: ::asio::posix::basic_descriptor::wait
  port.read_some(buf);
  // ENTRY: ::asio::basic_serial_port::read_some
  port.write_some(buf);
  // ENTRY: ::asio::basic_serial_port::write_some
  rp.read_some(buf);
  // ENTRY: ::asio::basic_readable_pipe::read_some
  wp.write_some(buf);
  // ENTRY: ::asio::basic_writable_pipe::write_some
  brs.fill();
  // ENTRY: ::asio::buffered_read_stream::fill
  bws.flush();
  // ENTRY: ::asio::buffered_write_stream::flush
  bs.fill();
  // ENTRY: ::asio::buffered_stream::fill
  bs.flush(ec);
  // ENTRY: ::asio::buffered_stream::flush
  tcp::iostream web("example.com", "http");
  // ENTRY: ::asio::basic_socket_iostream::basic_socket_iostream
  tcp::iostream later;
  later.connect("example.com", "http");
  // ENTRY: ::asio::basic_socket_iostream::connect
  co_return;
}
