// RUN: %check_async_lint %s %t -- %cxx20

// The built-in database describes libraries: a function the project defines
// itself, a coroutine, or a variable of the project is never the blocking
// API it is named like. (Entries of the user's own database files and
// BlockingFunctions may name the project's functions.)

#include "cppcoro_task.h"

#include <cstdint>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

struct Connection {
  std::string pending;
};

// The project's own overloads of POSIX names, defined here.
std::string read(Connection &c) { return c.pending; }
void write(Connection &c, const std::string &data) { c.pending += data; }

// The project's own coroutine named like POSIX accept.
cppcoro::task<int> accept(std::uint16_t port) { co_return port; }

cppcoro::task<> serve(Connection &c) {
  auto send = [&](std::string text) -> cppcoro::task<> {
    c.pending += text;
    co_return;
  };
  auto sleep = [](int) { return 0; };
  std::string line = read(c);
  write(c, line);
  int fd = co_await accept(8080);
  co_await send("hello");
  sleep(1);
  (void)fd;
}

// Still found: the real POSIX functions, called next to the project's.
cppcoro::task<> serve_fd(int fd, Connection &c) {
  char buffer[16];
  ::read(fd, buffer, sizeof buffer);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'read' blocks the thread inside coroutine 'serve_fd'; {{.*}} (category: file-io) [async-blocking-call]
  ::sleep(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'sleep' blocks the thread inside coroutine 'serve_fd'; {{.*}} (category: sleep) [async-blocking-call]
  std::string line = read(c);
  co_return;
}
