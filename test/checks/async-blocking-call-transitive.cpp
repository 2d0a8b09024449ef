// RUN: %check_async_lint %s %t -- %cxx20

// Plain functions of the translation unit that block, directly or through
// other functions: calling them from a coroutine is reported, with one note
// per call on the way down to the blocking API.

#include "cppcoro_task.h"

#include <cstdio>
#include <fstream>
#include <mutex>
#include <string>
#include <vector>

#include <sqlite3.h>
#include <sys/socket.h>
#include <unistd.h>

// ---- one, two and three levels

struct ServerConfig {
  std::string listen_address;
  int worker_count = 0;
};

std::string read_file(const std::string &path) {
  std::ifstream in(path);
  std::string contents;
  std::getline(in, contents, '\0');
  return contents;
}

ServerConfig parse_config(const std::string &path) {
  std::string text = read_file(path);
  ServerConfig config;
  config.listen_address = text.substr(0, text.find('\n'));
  return config;
}

ServerConfig load_config() {
  const char *path = "/etc/gateway/gateway.conf";
  return parse_config(path);
}

cppcoro::task<> handle_client(int fd) {
  std::string motd = read_file("/etc/motd");
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: 'read_file' blocks the thread inside coroutine 'handle_client'; every other task on this executor stalls until it returns (category: file-io) [async-blocking-call]
  // CHECK-NOTES: :[[@LINE-21]]:17: note: 'read_file' calls 'std::basic_ifstream::basic_ifstream', which blocks; instead: co_await file I/O run on a worker thread (or asio::stream_file / io_uring)
  ServerConfig local = parse_config("gateway.local.conf");
  // CHECK-NOTES: :[[@LINE-1]]:24: warning: 'parse_config' blocks the thread inside coroutine 'handle_client'; every other task on this executor stalls until it returns (category: file-io) [async-blocking-call]
  // CHECK-NOTES: :[[@LINE-17]]:22: note: 'parse_config' calls 'read_file'{{$}}
  // CHECK-NOTES: :[[@LINE-25]]:17: note: 'read_file' calls 'std::basic_ifstream::basic_ifstream', which blocks; instead: co_await file I/O run on a worker thread (or asio::stream_file / io_uring)
  ServerConfig config = load_config();
  // CHECK-NOTES: :[[@LINE-1]]:25: warning: 'load_config' blocks the thread inside coroutine 'handle_client'; every other task on this executor stalls until it returns (category: file-io) [async-blocking-call]
  // CHECK-NOTES: :[[@LINE-13]]:10: note: 'load_config' calls 'parse_config'{{$}}
  // CHECK-NOTES: :[[@LINE-22]]:22: note: 'parse_config' calls 'read_file'{{$}}
  // CHECK-NOTES: :[[@LINE-30]]:17: note: 'read_file' calls 'std::basic_ifstream::basic_ifstream', which blocks; instead: co_await file I/O run on a worker thread (or asio::stream_file / io_uring)
  ::write(fd, motd.data(), motd.size() + local.worker_count + config.worker_count);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'write' blocks the thread inside coroutine 'handle_client'; every other task on this executor stalls until it returns; instead: co_await asio::async_write(stream, buffer, asio::use_awaitable) on a non-blocking descriptor (category: file-io) [async-blocking-call]
  co_return;
}

// ---- one helper, called from several coroutines: reported at each call

cppcoro::task<> reload_on_signal() {
  ServerConfig config = load_config();
  // CHECK-NOTES: :[[@LINE-1]]:25: warning: 'load_config' blocks the thread inside coroutine 'reload_on_signal'; every other task on this executor stalls until it returns (category: file-io) [async-blocking-call]
  // CHECK-NOTES: :[[@LINE-26]]:10: note: 'load_config' calls 'parse_config'{{$}}
  // CHECK-NOTES: :[[@LINE-35]]:22: note: 'parse_config' calls 'read_file'{{$}}
  // CHECK-NOTES: :[[@LINE-43]]:17: note: 'read_file' calls 'std::basic_ifstream::basic_ifstream', which blocks
  (void)config;
  co_return;
}

class AdminConsole {
public:
  cppcoro::task<std::string> show_config() {
    ServerConfig config = load_config();
    // CHECK-NOTES: :[[@LINE-1]]:27: warning: 'load_config' blocks the thread inside coroutine 'AdminConsole::show_config'; every other task on this executor stalls until it returns (category: file-io) [async-blocking-call]
    // CHECK-NOTES: :[[@LINE-38]]:10: note: 'load_config' calls 'parse_config'{{$}}
    // CHECK-NOTES: :[[@LINE-47]]:22: note: 'parse_config' calls 'read_file'{{$}}
    // CHECK-NOTES: :[[@LINE-55]]:17: note: 'read_file' calls 'std::basic_ifstream::basic_ifstream', which blocks
    co_return config.listen_address;
  }
};

// ---- methods, constructors and locks

class AuditLog {
public:
  explicit AuditLog(const char *path) {
    file = std::fopen(path, "a");
  }

  void record(const std::string &event) {
    std::lock_guard<std::mutex> guard(mutex);
    append(event);
  }

private:
  void append(const std::string &event) { std::fputs(event.c_str(), file); }

  std::FILE *file;
  std::mutex mutex;
};

class Gateway {
public:
  cppcoro::task<> on_login(const std::string &user) {
    AuditLog log("audit.log");
    // CHECK-NOTES: :[[@LINE-1]]:14: warning: 'AuditLog::AuditLog' blocks the thread inside coroutine 'Gateway::on_login'; every other task on this executor stalls until it returns (category: file-io) [async-blocking-call]
    // CHECK-NOTES: :[[@LINE-20]]:12: note: 'AuditLog::AuditLog' calls 'fopen', which blocks; instead: co_await file I/O run on a worker thread (or asio::stream_file / io_uring)
    log.record("login " + user);
    // The file write is the reason, not the lock (category lock is off).
    // CHECK-NOTES: :[[@LINE-2]]:9: warning: 'AuditLog::record' blocks the thread inside coroutine 'Gateway::on_login'; every other task on this executor stalls until it returns (category: file-io) [async-blocking-call]
    // CHECK-NOTES: :[[@LINE-19]]:5: note: 'AuditLog::record' calls 'AuditLog::append'
    // CHECK-NOTES: :[[@LINE-16]]:43: note: 'AuditLog::append' calls 'fputs', which blocks; instead: co_await file I/O run on a worker thread (or asio::stream_file / io_uring)
    co_return;
  }
};

// ---- recursion: a cycle that blocks, and one that does not

// A recursive-descent reader of nested lists, fed from a FILE: parse_value and
// parse_list call each other, and only next_char reaches the blocking call.
struct Value {
  std::vector<Value> items;
};

Value parse_value(std::FILE *in);

int next_char(std::FILE *in) { return std::fgetc(in); }

Value parse_list(std::FILE *in) {
  Value list;
  while (next_char(in) != ']')
    list.items.push_back(parse_value(in));
  return list;
}

Value parse_value(std::FILE *in) {
  return next_char(in) == '[' ? parse_list(in) : Value{};
}

cppcoro::task<> import_fixtures(std::FILE *fixtures) {
  Value root = parse_list(fixtures);
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: 'parse_list' blocks the thread inside coroutine 'import_fixtures'; every other task on this executor stalls until it returns (category: file-io) [async-blocking-call]
  // CHECK-NOTES: :[[@LINE-12]]:10: note: 'parse_list' calls 'next_char'{{$}}
  // CHECK-NOTES: :[[@LINE-17]]:39: note: 'next_char' calls 'fgetc', which blocks
  Value again = parse_value(fixtures);
  // CHECK-NOTES: :[[@LINE-1]]:17: warning: 'parse_value' blocks the thread inside coroutine 'import_fixtures'; every other task on this executor stalls until it returns (category: file-io) [async-blocking-call]
  // CHECK-NOTES: :[[@LINE-10]]:10: note: 'parse_value' calls 'next_char'{{$}}
  // CHECK-NOTES: :[[@LINE-21]]:39: note: 'next_char' calls 'fgetc', which blocks
  (void)root;
  (void)again;
  co_return;
}

// The same grammar over an in-memory buffer: the cycle never blocks.
struct Cursor {
  const char *at;
};

Value parse_buffered_value(Cursor &cursor);

Value parse_buffered_list(Cursor &cursor) {
  Value list;
  while (*cursor.at++ != ']')
    list.items.push_back(parse_buffered_value(cursor));
  return list;
}

Value parse_buffered_value(Cursor &cursor) {
  return *cursor.at++ == '[' ? parse_buffered_list(cursor) : Value{};
}

// Self-recursion without a blocking call.
unsigned depth(const Value &value) {
  unsigned deepest = 0;
  for (const Value &item : value.items)
    deepest = std::max(deepest, depth(item) + 1);
  return deepest;
}

cppcoro::task<unsigned> parse_request_body(std::string body) {
  Cursor cursor{body.c_str()};
  Value value = parse_buffered_value(cursor);
  co_return depth(value) + depth(parse_buffered_list(cursor));
}

// ---- a helper template, through its instantiations

template <typename Row> std::vector<Row> fetch_rows(sqlite3_stmt *statement) {
  std::vector<Row> rows;
  while (::sqlite3_step(statement) == SQLITE_ROW)
    rows.push_back(Row{::sqlite3_column_int(statement, 0)});
  return rows;
}

struct OrderId {
  int value;
};
struct CustomerId {
  int value;
};

cppcoro::task<> nightly_report(sqlite3_stmt *orders, sqlite3_stmt *customers) {
  std::vector<OrderId> order_ids = fetch_rows<OrderId>(orders);
  // CHECK-NOTES: :[[@LINE-1]]:36: warning: 'fetch_rows' blocks the thread inside coroutine 'nightly_report'; every other task on this executor stalls until it returns (category: database) [async-blocking-call]
  // CHECK-NOTES: :[[@LINE-15]]:10: note: 'fetch_rows' calls 'sqlite3_step', which blocks; {{.*}}dedicated worker thread
  std::vector<CustomerId> customer_ids = fetch_rows<CustomerId>(customers);
  // CHECK-NOTES: :[[@LINE-1]]:42: warning: 'fetch_rows' blocks the thread inside coroutine 'nightly_report'; every other task on this executor stalls until it returns (category: database) [async-blocking-call]
  // CHECK-NOTES: :[[@LINE-18]]:10: note: 'fetch_rows' calls 'sqlite3_step', which blocks
  co_return;
}

// ---- a deep chain: 200 layers of middleware in front of a blocking send

template <int Layer> struct Middleware {
  static void forward(int fd, const char *data, unsigned long size) {
    Middleware<Layer - 1>::forward(fd, data, size);
  }
};

template <> struct Middleware<0> {
  static void forward(int fd, const char *data, unsigned long size) {
    ::send(fd, data, size, 0);
  }
};

cppcoro::task<> relay(int fd, std::string payload) {
  Middleware<200>::forward(fd, payload.data(), payload.size());
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'Middleware::forward' blocks the thread inside coroutine 'relay'; every other task on this executor stalls until it returns (category: network-io) [async-blocking-call]
  // CHECK-NOTES-COUNT-8: :[[@LINE-13]]:5: note: 'Middleware::forward' calls 'Middleware::forward'{{$}}
  // CHECK-NOTES: :[[@LINE-14]]:5: note: ... 192 more calls ...
  // CHECK-NOTES: :[[@LINE-9]]:5: note: 'Middleware::forward' calls 'send', which blocks; instead: co_await socket.async_send(buffer, asio::use_awaitable)
  co_return;
}

// ---- virtual member functions: the function the call names

class Storage {
public:
  virtual ~Storage() = default;
  virtual void persist(const std::string &blob) {
    ::fsync(descriptor);
    (void)blob;
  }

protected:
  int descriptor = -1;
};

class MemoryStorage final : public Storage {
public:
  void persist(const std::string &blob) override { last = blob; }

private:
  std::string last;
};

cppcoro::task<> checkpoint(Storage &disk, MemoryStorage &memory) {
  disk.persist("snapshot");
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: 'Storage::persist' blocks the thread inside coroutine 'checkpoint'; every other task on this executor stalls until it returns (category: file-io) [async-blocking-call]
  // CHECK-NOTES: :[[@LINE-19]]:5: note: 'Storage::persist' calls 'fsync', which blocks
  memory.persist("snapshot");
  co_return;
}

// ---- a chain that ends in an annotated function carries its suggestion, and
// one through a function marked nonblocking stops there

[[clang::annotate("async-lint::blocking",
                  "co_await cluster.leader_elected()")]] void
await_leader_election();

void step_down() {
  await_leader_election();
}

[[clang::annotate("async-lint::nonblocking")]] void note_leader_change() {
  step_down();
}

void on_topology_change() { note_leader_change(); }

cppcoro::task<> rebalance() {
  step_down();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'step_down' blocks the thread inside coroutine 'rebalance'; every other task on this executor stalls until it returns (category: other) [async-blocking-call]
  // CHECK-NOTES: :[[@LINE-12]]:3: note: 'step_down' calls 'await_leader_election', which blocks; instead: co_await cluster.leader_elected(){{$}}
  on_topology_change();
  co_return;
}

// ---- a coroutine that blocks is reported inside itself, not where it is
// awaited (calling it only creates the task)

cppcoro::task<> flush_journal(int fd) {
  ::fdatasync(fd);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'fdatasync' blocks the thread inside coroutine 'flush_journal'{{.*}}(category: file-io) [async-blocking-call]
  co_return;
}

cppcoro::task<> commit(int fd) {
  co_await flush_journal(fd);
  cppcoro::task<> pending = flush_journal(fd);
  co_await pending;
}
