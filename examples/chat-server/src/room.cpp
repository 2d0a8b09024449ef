//===--- room.cpp - membership, broadcast and history ---------------------===//

#include "chat/chat.hpp"

#include <utility>

namespace chat {

Room::Room(std::size_t history_limit) : history_limit_(history_limit) {}

void Room::join(ParticipantPtr participant) {
  broadcast("* " + participant->nickname() + " joined\r\n");
  participants_.insert(std::move(participant));
}

void Room::leave(const ParticipantPtr &participant) {
  if (participants_.erase(participant) != 0)
    broadcast("* " + participant->nickname() + " left\r\n");
}

void Room::broadcast(const std::string &line, const Participant *sender) {
  remember(line);
  for (const ParticipantPtr &participant : participants_)
    if (participant.get() != sender)
      participant->deliver(line);
}

bool Room::has_nickname(std::string_view nickname) const {
  for (const ParticipantPtr &participant : participants_)
    if (participant->nickname() == nickname)
      return true;
  return false;
}

std::string Room::who() const {
  std::string list = "* online:";
  for (const ParticipantPtr &participant : participants_)
    list += " " + participant->nickname();
  return list + "\r\n";
}

void Room::load_history(std::deque<std::string> lines) {
  for (std::string &line : history_)
    lines.push_back(std::move(line));
  history_ = std::move(lines);
  while (history_.size() > history_limit_)
    history_.pop_front();
}

void Room::shutdown(std::string reason) {
  for (const ParticipantPtr &participant : participants_)
    participant->close_gracefully(reason);
  participants_.clear();
}

void Room::remember(const std::string &line) {
  history_.push_back(line);
  if (history_.size() > history_limit_)
    history_.pop_front();
}

} // namespace chat
