//===--- chat.hpp - a line-based TCP chat room on Asio coroutines ---------===//

#ifndef CHAT_CHAT_HPP
#define CHAT_CHAT_HPP

#include <asio.hpp>

#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

namespace chat {

using asio::awaitable;
using asio::ip::tcp;

/// Someone connected to the room.
class Participant {
public:
  virtual ~Participant() = default;

  virtual const std::string &nickname() const = 0;

  /// Queues one line (with its "\r\n") for delivery.
  virtual void deliver(const std::string &line) = 0;

  /// Tells the client why it is being disconnected, then closes the
  /// connection.
  virtual awaitable<void> close_gracefully(std::string reason) = 0;
};

using ParticipantPtr = std::shared_ptr<Participant>;

/// The one room everybody talks in, with a bounded history.
class Room {
public:
  explicit Room(std::size_t history_limit);

  void join(ParticipantPtr participant);
  void leave(const ParticipantPtr &participant);

  /// Sends a line to everybody except its sender and records it.
  void broadcast(const std::string &line, const Participant *sender = nullptr);

  bool has_nickname(std::string_view nickname) const;
  std::string who() const;
  std::size_t size() const { return participants_.size(); }

  const std::deque<std::string> &history() const { return history_; }
  /// Puts lines saved by an earlier run in front of the current history.
  void load_history(std::deque<std::string> lines);

  /// Disconnects everybody.
  void shutdown(std::string reason);

private:
  void remember(const std::string &line);

  std::size_t history_limit_;
  std::set<ParticipantPtr> participants_;
  std::deque<std::string> history_;
};

/// One client connection: a reader and a writer coroutine sharing a socket.
class Session : public Participant,
                public std::enable_shared_from_this<Session> {
public:
  Session(tcp::socket socket, Room &room);

  /// Runs until the client disconnects or the session is closed.
  awaitable<void> run();

  const std::string &nickname() const override { return nickname_; }
  void deliver(const std::string &line) override;
  awaitable<void> close_gracefully(std::string reason) override;

private:
  awaitable<void> read_loop();
  awaitable<void> write_loop();
  awaitable<void> handle_command(std::string line);
  awaitable<void> send_banner();
  awaitable<void> replay_history();
  void rename(std::string nickname);

  tcp::socket socket_;
  asio::steady_timer wakeup_;
  Room &room_;
  std::string nickname_;
  std::deque<std::string> outbox_;
  std::chrono::steady_clock::time_point last_message_;
};

/// Accepts connections forever, one session each.
awaitable<void> listen(tcp::acceptor acceptor, Room &room);

/// Reads the last `limit` lines of a history file written by save_history.
awaitable<std::deque<std::string>> read_history_file(std::string path,
                                                     std::size_t limit);

/// Writes the room's history to `path`, replacing it atomically.
awaitable<void> save_history(std::string path, const Room &room);

/// The first line of the message-of-the-day file, if there is one.
std::string read_motd(const std::string &path);

/// Counters served as text on a monitoring port. Guarded by a mutex so that
/// a monitoring thread can read them too.
struct Stats {
  std::mutex mutex;
  std::size_t monitor_clients = 0;
};

/// Accepts monitoring clients and sends each the counters and the room size.
awaitable<void> serve_stats(tcp::acceptor acceptor, Stats &stats,
                            const Room &room);

} // namespace chat

#endif // CHAT_CHAT_HPP
