//===--- history.cpp - persisting the room's history ----------------------===//

#include "chat/chat.hpp"

#include <cstdio>
#include <fstream>

namespace chat {

awaitable<std::deque<std::string>> read_history_file(std::string path,
                                                     std::size_t limit) {
  std::deque<std::string> lines;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    lines.push_back(line + "\r\n");
    if (lines.size() > limit)
      lines.pop_front();
  }
  co_return lines;
}

awaitable<void> save_history(std::string path, const Room &room) {
  std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    for (const std::string &entry : room.history()) {
      std::string_view text = entry;
      if (text.ends_with("\r\n"))
        text.remove_suffix(2);
      out << text << '\n';
    }
    if (!out)
      co_return;
  }
  std::rename(temporary.c_str(), path.c_str());
}

std::string read_motd(const std::string &path) {
  std::ifstream in(path);
  std::string motd;
  if (std::getline(in, motd))
    motd += "\r\n";
  return motd;
}

} // namespace chat
