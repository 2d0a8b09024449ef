//===--- stats.cpp - counters on a monitoring port ------------------------===//

#include "chat/chat.hpp"

#include <string>

namespace chat {

namespace {

awaitable<void> send_stats(tcp::socket &client, Stats &stats,
                           const Room &room) {
  std::lock_guard<std::mutex> lock(stats.mutex);
  std::string report = std::to_string(room.size()) + " online, " +
                       std::to_string(stats.monitor_clients) +
                       " monitor connections\r\n";
  co_await asio::async_write(client, asio::buffer(report), asio::use_awaitable);
}

} // namespace

awaitable<void> serve_stats(tcp::acceptor acceptor, Stats &stats,
                            const Room &room) {
  for (;;) {
    tcp::socket client = co_await acceptor.async_accept(asio::use_awaitable);
    {
      // A short critical section: fine in a coroutine.
      std::lock_guard<std::mutex> lock(stats.mutex);
      ++stats.monitor_clients;
    }
    co_await send_stats(client, stats, room);
  }
}

} // namespace chat
