//===--- session.cpp - one client connection ------------------------------===//

#include "chat/chat.hpp"

#include <asio/experimental/awaitable_operators.hpp>

#include <array>
#include <cctype>
#include <system_error>
#include <thread>
#include <utility>

namespace chat {

namespace {

using namespace asio::experimental::awaitable_operators;

constexpr std::size_t kMaxLineLength = 1024;
constexpr std::size_t kReplayBatch = 50;
constexpr auto kFloodInterval = std::chrono::milliseconds(200);
constexpr auto kFloodPenalty = std::chrono::milliseconds(500);
constexpr auto kLingerTime = std::chrono::milliseconds(250);

/// Keeps printable characters only, so that nicknames cannot carry control
/// sequences to other clients' terminals.
std::string sanitize_nickname(std::string_view text) {
  std::string nickname;
  for (char c : text)
    if (std::isgraph(static_cast<unsigned char>(c)) && nickname.size() < 24)
      nickname.push_back(c);
  return nickname.empty() ? "guest" : nickname;
}

} // namespace

Session::Session(tcp::socket socket, Room &room)
    : socket_(std::move(socket)), wakeup_(socket_.get_executor()), room_(room) {
  // The writer sleeps on this timer until deliver() cancels it.
  wakeup_.expires_at(asio::steady_timer::time_point::max());
}

awaitable<void> Session::run() {
  // The client's first line is the nickname it wants.
  std::array<char, 64> greeting;
  std::size_t length = socket_.read_some(asio::buffer(greeting));
  nickname_ = sanitize_nickname(std::string_view(greeting.data(), length));
  if (room_.has_nickname(nickname_))
    nickname_ += std::to_string(room_.size());

  auto banner = send_banner();
  room_.join(shared_from_this());
  try {
    co_await (read_loop() || write_loop());
  } catch (const std::system_error &) {
    // The client went away; nothing to tell it.
  }
  room_.leave(shared_from_this());
}

void Session::deliver(const std::string &line) {
  outbox_.push_back(line);
  wakeup_.cancel_one();
}

awaitable<void> Session::close_gracefully(std::string reason) {
  std::error_code ignored;
  asio::write(socket_, asio::buffer(reason), ignored);
  // Give the client a moment to read the reason before the connection drops.
  asio::steady_timer linger(socket_.get_executor(), kLingerTime);
  linger.async_wait(asio::use_awaitable);
  socket_.shutdown(tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
  wakeup_.cancel();
  co_return;
}

awaitable<void> Session::read_loop() {
  std::string buffer;
  for (;;) {
    std::size_t length = co_await asio::async_read_until(
        socket_, asio::dynamic_buffer(buffer, kMaxLineLength), '\n',
        asio::use_awaitable);
    std::string line = buffer.substr(0, length);
    buffer.erase(0, length);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
      line.pop_back();
    if (line.empty())
      continue;

    auto now = std::chrono::steady_clock::now();
    if (now - last_message_ < kFloodInterval) {
      // Slow down clients that flood the room.
      std::this_thread::sleep_for(kFloodPenalty);
    }
    last_message_ = now;

    if (line.front() == '/')
      co_await handle_command(std::move(line));
    else
      room_.broadcast(nickname_ + ": " + line + "\r\n", this);
  }
}

awaitable<void> Session::write_loop() {
  while (socket_.is_open()) {
    if (outbox_.empty()) {
      std::error_code cancelled;
      co_await wakeup_.async_wait(
          asio::redirect_error(asio::use_awaitable, cancelled));
      continue;
    }
    co_await asio::async_write(socket_, asio::buffer(outbox_.front()),
                               asio::use_awaitable);
    outbox_.pop_front();
  }
}

awaitable<void> Session::handle_command(std::string line) {
  std::size_t space = line.find(' ');
  std::string command = line.substr(0, space);
  std::string argument =
      space == std::string::npos ? std::string() : line.substr(space + 1);

  if (command == "/nick") {
    rename(std::move(argument));
  } else if (command == "/who") {
    deliver(room_.who());
  } else if (command == "/history") {
    replay_history();
  } else if (command == "/quit") {
    co_await close_gracefully("* bye\r\n");
  } else {
    deliver("* unknown command " + command + "\r\n");
  }
}

awaitable<void> Session::send_banner() {
  std::string banner = "* welcome, " + nickname_ + "; " +
                       std::to_string(room_.size()) +
                       " online; commands: /who /history /nick NAME /quit\r\n";
  banner += read_motd("motd.txt");
  co_await asio::async_write(socket_, asio::buffer(banner),
                             asio::use_awaitable);
}

awaitable<void> Session::replay_history() {
  // Copy: other sessions may add lines while we yield.
  std::deque<std::string> entries = room_.history();
  std::size_t queued = 0;
  for (const std::string &entry : entries) {
    deliver(entry);
    // Let other sessions run between batches of a long history.
    if (++queued % kReplayBatch == 0)
      co_await asio::post(socket_.get_executor(), asio::use_awaitable);
  }
}

void Session::rename(std::string nickname) {
  nickname = sanitize_nickname(nickname);
  if (room_.has_nickname(nickname)) {
    deliver("* " + nickname + " is taken\r\n");
    return;
  }
  std::string previous = std::exchange(nickname_, std::move(nickname));
  room_.broadcast("* " + previous + " is now " + nickname_ + "\r\n");
}

awaitable<void> listen(tcp::acceptor acceptor, Room &room) {
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
    auto session = std::make_shared<Session>(std::move(socket), room);
    // The lambda keeps the session alive for as long as it runs.
    asio::co_spawn(
        acceptor.get_executor(),
        [session]() -> awaitable<void> { co_await session->run(); },
        asio::detached);
  }
}

} // namespace chat
