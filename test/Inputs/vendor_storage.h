// A third-party storage library, included as a system header: its inline
// helpers block through its own code, which the analysis follows.
#pragma once
#include <fstream>
#include <string>
#include <unistd.h>

namespace vendor {
inline void durable_flush(int fd) { ::fsync(fd); }

inline std::string slurp(const std::string &path) {
  std::ifstream in(path);
  std::string contents;
  std::getline(in, contents, '\0');
  return contents;
}

class Journal {
public:
  void append(const std::string &record) {
    ::write(fd, record.data(), record.size());
    durable_flush(fd);
  }

private:
  int fd = -1;
};
} // namespace vendor
