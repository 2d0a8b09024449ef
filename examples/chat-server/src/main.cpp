//===--- main.cpp - chat-server entry point -------------------------------===//
//
// Usage: chat-server [PORT [HISTORY_FILE]]
//
//===----------------------------------------------------------------------===//

#include "chat/chat.hpp"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <utility>

namespace {

constexpr unsigned short kDefaultPort = 5555;
constexpr std::size_t kHistoryLimit = 200;
constexpr auto kAutosaveInterval = std::chrono::seconds(30);

asio::awaitable<void> restore_history(chat::Room &room, std::string path) {
  std::deque<std::string> lines =
      co_await chat::read_history_file(std::move(path), kHistoryLimit);
  room.load_history(std::move(lines));
}

asio::awaitable<void> autosave(chat::Room &room, std::string path) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (;;) {
    timer.expires_after(kAutosaveInterval);
    co_await timer.async_wait(asio::use_awaitable);
    co_await chat::save_history(path, room);
  }
}

} // namespace

int main(int argc, char **argv) {
  auto port =
      argc > 1 ? static_cast<unsigned short>(std::atoi(argv[1])) : kDefaultPort;
  std::string history_path = argc > 2 ? argv[2] : "chat-history.txt";

  try {
    asio::io_context io;
    chat::Room room(kHistoryLimit);

    asio::co_spawn(io, restore_history(room, history_path), asio::detached);
    chat::tcp::acceptor acceptor(io, {chat::tcp::v4(), port});
    asio::co_spawn(io, chat::listen(std::move(acceptor), room), asio::detached);
    asio::co_spawn(io, autosave(room, history_path), asio::detached);

    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](std::error_code, int) {
      room.shutdown("* server shutting down\r\n");
      chat::save_history(history_path, room);
      io.stop();
    });

    // Counters for monitoring, on the next port.
    chat::Stats stats;
    chat::tcp::acceptor monitor(
        io, {chat::tcp::v4(), static_cast<unsigned short>(port + 1)});
    asio::co_spawn(io, chat::serve_stats(std::move(monitor), stats, room),
                   asio::detached);

    std::printf("chat-server listening on port %u\n", port);
    io.run();
  } catch (const std::exception &error) {
    std::fprintf(stderr, "chat-server: %s\n", error.what());
    return EXIT_FAILURE;
  }
  return EXIT_SUCCESS;
}
