// RUN: %check_async_lint %s %t -- %cxx20
// RUN: %check_async_lint --check-suffix=LOCK %s %t \
// RUN:   --config="{CheckOptions: {async-blocking-call.Categories: 'lock'}}" \
// RUN:   -- %cxx20

// Calls that block the executor's thread, made directly inside coroutine
// bodies: one group per category, in free functions, member coroutines,
// coroutine lambdas, instantiated templates and immediately invoked lambdas.
// The first finding of each category spells out the whole message.

#include "cppcoro_task.h"
#include "folly_task.h"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include <netdb.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace std::chrono_literals;

struct Request {
  std::string path;
  int client_fd;
};

cppcoro::task<std::string> render_page(const Request &request);

// ---- sleep

cppcoro::task<> retry_with_backoff(int attempts) {
  for (int i = 0; i < attempts; ++i) {
    std::this_thread::sleep_for(100ms * i);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::this_thread::sleep_for' blocks the thread inside coroutine 'retry_with_backoff'; every other task on this executor stalls until it returns; instead: co_await timer.async_wait(asio::use_awaitable) with timer.expires_after(duration) (category: sleep) [async-blocking-call]
  }
  std::this_thread::sleep_until(std::chrono::steady_clock::now() + 1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_until' blocks the thread inside coroutine 'retry_with_backoff'
  ::usleep(500);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'usleep' blocks the thread inside coroutine 'retry_with_backoff'; every other task on this executor stalls until it returns; instead: co_await an asynchronous timer (e.g. asio::steady_timer::async_wait(asio::use_awaitable)) (category: sleep)
  co_return;
}

// ---- file-io: streams, stdio and std::filesystem

struct ServerConfig {
  std::string listen_address;
  int worker_count = 0;
};

cppcoro::task<ServerConfig> reload_config(const std::string &path) {
  ServerConfig config;
  std::ifstream in(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'std::basic_ifstream::basic_ifstream' blocks the thread inside coroutine 'reload_config'; every other task on this executor stalls until it returns; instead: co_await file I/O run on a worker thread (or asio::stream_file / io_uring) (category: file-io) [async-blocking-call]
  std::getline(in, config.listen_address);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::getline' blocks the thread inside coroutine 'reload_config'{{.*}}(category: file-io)
  in >> config.worker_count;
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'std::basic_istream::operator>>' blocks the thread inside coroutine 'reload_config'{{.*}}(category: file-io)
  std::ifstream overrides;
  overrides.open(path + ".local");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'std::basic_ifstream::open' blocks the thread inside coroutine 'reload_config'
  co_return config;
}

cppcoro::task<> write_access_log(const std::vector<std::string> &lines) {
  std::ofstream log("access.log", std::ios::app);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'std::basic_ofstream::basic_ofstream' blocks the thread inside coroutine 'write_access_log'
  for (const std::string &line : lines)
    log << line << '\n';
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'std::operator<<' blocks the thread inside coroutine 'write_access_log'{{.*}}(category: file-io)
  log.flush();
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'std::basic_ostream::flush' blocks the thread inside coroutine 'write_access_log'
  co_return;
}

cppcoro::task<std::size_t> read_pid_file(const char *path) {
  std::FILE *file = std::fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'fopen' blocks the thread inside coroutine 'read_pid_file'{{.*}}(category: file-io)
  char buffer[32];
  std::fgets(buffer, sizeof buffer, file);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fgets' blocks the thread inside coroutine 'read_pid_file'
  std::size_t size = std::fread(buffer, 1, sizeof buffer, file);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'fread' blocks the thread inside coroutine 'read_pid_file'
  std::fclose(file);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fclose' blocks the thread inside coroutine 'read_pid_file'
  co_return size;
}

cppcoro::task<> rotate_uploads(const std::filesystem::path &dir) {
  if (std::filesystem::file_size(dir / "current") > (1u << 20))
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'std::filesystem::file_size' blocks the thread inside coroutine 'rotate_uploads'
    std::filesystem::rename(dir / "current", dir / "previous");
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::filesystem::rename' blocks the thread inside coroutine 'rotate_uploads'
  for (const auto &entry : std::filesystem::directory_iterator(dir))
    // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'std::filesystem::directory_iterator::directory_iterator' blocks the thread inside coroutine 'rotate_uploads'
    (void)entry;
  co_return;
}

// ---- network-io and dns

class Connection {
public:
  explicit Connection(int fd) : fd(fd) {}

  // A member coroutine.
  cppcoro::task<std::string> read_request() {
    char buffer[4096];
    ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'recv' blocks the thread inside coroutine 'Connection::read_request'; every other task on this executor stalls until it returns; instead: co_await socket.async_receive(buffer, asio::use_awaitable) (category: network-io) [async-blocking-call]
    co_return std::string(buffer, n > 0 ? n : 0);
  }

  cppcoro::task<> send_response(const std::string &body) {
    ::send(fd, body.data(), body.size(), MSG_NOSIGNAL);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'send' blocks the thread inside coroutine 'Connection::send_response'{{.*}}(category: network-io)
    co_return;
  }

private:
  int fd;
};

cppcoro::task<int> accept_client(int listener) {
  int client = ::accept(listener, nullptr, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'accept' blocks the thread inside coroutine 'accept_client'{{.*}}(category: network-io)
  co_return client;
}

cppcoro::task<int> connect_upstream(const char *host, const char *port) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo *addresses = nullptr;
  ::getaddrinfo(host, port, &hints, &addresses);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'getaddrinfo' blocks the thread inside coroutine 'connect_upstream'; every other task on this executor stalls until it returns; instead: co_await resolver.async_resolve(host, service, asio::use_awaitable) (category: dns) [async-blocking-call]
  int fd = ::socket(addresses->ai_family, addresses->ai_socktype, 0);
  ::connect(fd, addresses->ai_addr, addresses->ai_addrlen);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'connect' blocks the thread inside coroutine 'connect_upstream'{{.*}}(category: network-io)
  ::freeaddrinfo(addresses);
  ::gethostbyname(host);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'gethostbyname' blocks the thread inside coroutine 'connect_upstream'{{.*}}(category: dns)
  co_return fd;
}

// ---- process

cppcoro::task<int> run_hook(const std::string &script) {
  int status = std::system(script.c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'system' blocks the thread inside coroutine 'run_hook'; every other task on this executor stalls until it returns; instead: asio::posix::stream_descriptor on a pidfd/pipe, or run it on a worker thread and co_await the result (category: process) [async-blocking-call]
  std::FILE *pipe = ::popen("git rev-parse HEAD", "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'popen' blocks the thread inside coroutine 'run_hook'{{.*}}(category: process)
  ::pclose(pipe);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'pclose' blocks the thread inside coroutine 'run_hook'{{.*}}(category: process)
  pid_t child = ::fork();
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'fork' blocks the thread inside coroutine 'run_hook'{{.*}}(category: process)
  ::waitpid(child, &status, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'waitpid' blocks the thread inside coroutine 'run_hook'{{.*}}(category: process)
  co_return status;
}

// ---- lock: off by default (async-lock-across-suspend reports a lock held
// across a suspension); the LOCK run turns the category on

class SessionCache {
public:
  cppcoro::task<std::string> lookup(const std::string &key) {
    std::lock_guard<std::mutex> guard(mutex);
    // CHECK-MESSAGES-LOCK: :[[@LINE-1]]:33: warning: 'std::lock_guard::lock_guard' blocks the thread inside coroutine 'SessionCache::lookup'; every other task on this executor stalls until it returns; instead: an awaitable mutex (e.g. cppcoro::async_mutex, folly::coro::Mutex) or keep the critical section free of co_await and short (category: lock) [async-blocking-call]
    co_return key;
  }

  cppcoro::task<> store(std::string key) {
    std::unique_lock<std::mutex> lock(mutex);
    // CHECK-MESSAGES-LOCK: :[[@LINE-1]]:34: warning: 'std::unique_lock::unique_lock' blocks the thread inside coroutine 'SessionCache::store'{{.*}}(category: lock)
    lock.unlock();
    lock.lock();
    // CHECK-MESSAGES-LOCK: :[[@LINE-1]]:10: warning: 'std::unique_lock::lock' blocks the thread inside coroutine 'SessionCache::store'{{.*}}(category: lock)
    co_return;
  }

  cppcoro::task<> evict() {
    mutex.lock();
    // CHECK-MESSAGES-LOCK: :[[@LINE-1]]:11: warning: 'std::mutex::lock' blocks the thread inside coroutine 'SessionCache::evict'{{.*}}(category: lock)
    mutex.unlock();
    std::scoped_lock both(mutex, stats_mutex);
    // CHECK-MESSAGES-LOCK: :[[@LINE-1]]:22: warning: 'std::scoped_lock::scoped_lock' blocks the thread inside coroutine 'SessionCache::evict'{{.*}}(category: lock)
    co_return;
  }

  cppcoro::task<int> hit_count() {
    std::shared_lock<std::shared_mutex> read(counters_mutex);
    // CHECK-MESSAGES-LOCK: :[[@LINE-1]]:41: warning: 'std::shared_lock::shared_lock' blocks the thread inside coroutine 'SessionCache::hit_count'{{.*}}(category: lock)
    co_return hits;
  }

private:
  std::mutex mutex;
  std::mutex stats_mutex;
  std::shared_mutex counters_mutex;
  int hits = 0;
};

// ---- wait: condition variables, futures, threads

struct JobQueue {
  std::mutex mutex;
  std::condition_variable ready;
  std::vector<int> jobs;
};

cppcoro::task<int> next_job(JobQueue &queue) {
  std::unique_lock<std::mutex> lock(queue.mutex);
  // CHECK-MESSAGES-LOCK: :[[@LINE-1]]:32: warning: 'std::unique_lock::unique_lock' blocks the thread inside coroutine 'next_job'
  queue.ready.wait(lock, [&] { return !queue.jobs.empty(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'std::condition_variable::wait' blocks the thread inside coroutine 'next_job'; every other task on this executor stalls until it returns; instead: an awaitable event or channel (e.g. cppcoro::async_manual_reset_event, asio::experimental::channel) (category: wait) [async-blocking-call]
  queue.ready.wait_for(lock, 5s);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'std::condition_variable::wait_for' blocks the thread inside coroutine 'next_job'{{.*}}(category: wait)
  int job = queue.jobs.back();
  queue.jobs.pop_back();
  co_return job;
}

cppcoro::task<int> checksum_in_background(std::vector<char> data) {
  std::future<int> sum = std::async(std::launch::async, [&data] {
    int total = 0;
    for (char c : data)
      total += c;
    return total;
  });
  if (sum.wait_for(50ms) != std::future_status::ready)
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'std::future::wait_for' blocks the thread inside coroutine 'checksum_in_background'{{.*}}(category: wait)
    sum.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'std::future::wait' blocks the thread inside coroutine 'checksum_in_background'{{.*}}(category: wait)
  // Ready on both paths by now (tested, or waited for): get() returns at once.
  co_return sum.get();
}

cppcoro::task<> flush_in_thread(std::shared_future<void> started) {
  started.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'std::shared_future::get' blocks the thread inside coroutine 'flush_in_thread'{{.*}}(category: wait)
  std::thread flusher([] { ::sync(); });
  flusher.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'std::thread::join' blocks the thread inside coroutine 'flush_in_thread'{{.*}}(category: wait)
  co_return;
}

// ---- sync-wait: a deadlock when the awaited work needs this thread

cppcoro::task<> serve_request(const Request &request) {
  std::string page = cppcoro::sync_wait(render_page(request));
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'cppcoro::sync_wait' blocks the thread inside coroutine 'serve_request' until the work it waits for completes: a deadlock when that work needs this executor's thread; instead: co_await the task instead; sync bridges belong in main() or a non-executor thread (category: sync-wait) [async-blocking-call]
  co_return;
}

folly::coro::Task<int> count_rows(int shard);

folly::coro::Task<int> count_all_rows() {
  int total = folly::coro::blockingWait(count_rows(0));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'folly::coro::blockingWait' blocks the thread inside coroutine 'count_all_rows' until the work it waits for completes: a deadlock when that work needs this executor's thread{{.*}}(category: sync-wait)
  co_return total;
}

// ---- database

cppcoro::task<> record_visit(sqlite3 *db, const Request &request) {
  ::sqlite3_exec(db, "UPDATE visits SET n = n + 1", nullptr, nullptr, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sqlite3_exec' blocks the thread inside coroutine 'record_visit'; every other task on this executor stalls until it returns; {{.*}}dedicated worker thread{{.*}} (category: database) [async-blocking-call]
  co_return;
}

// ---- coroutine lambdas, templates, immediately invoked lambdas

void register_routes(std::vector<cppcoro::task<> (*)()> &routes) {
  // A coroutine lambda in a plain function: its body is a coroutine body.
  auto health = []() -> cppcoro::task<> {
    ::sleep(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sleep' blocks the thread inside a coroutine lambda; every other task on this executor stalls until it returns; instead: co_await an asynchronous timer (e.g. asio::steady_timer::async_wait(asio::use_awaitable)) (category: sleep) [async-blocking-call]
    co_return;
  };
  routes.push_back(health);
}

template <typename Record> class Repository {
public:
  cppcoro::task<Record> load(int id) {
    std::lock_guard<std::mutex> guard(mutex);
    // CHECK-MESSAGES-LOCK: :[[@LINE-1]]:33: warning: 'std::lock_guard::lock_guard' blocks the thread inside coroutine 'Repository::load'{{.*}}(category: lock)
    co_return Record{};
  }

private:
  std::mutex mutex;
};

// Reported once, at the template's line, however many instantiations.
template <typename Payload> cppcoro::task<> publish(Payload payload) {
  ::usleep(sizeof(payload));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'usleep' blocks the thread inside coroutine 'publish'
  co_return;
}

struct Order {
  int id;
};

cppcoro::task<> use_templates(Repository<Order> &orders) {
  Order order = co_await orders.load(7);
  co_await publish(order);
  co_await publish(order.id);
  co_await publish(std::string("shipped"));
}

cppcoro::task<> handle_shutdown(JobQueue &queue) {
  // Invoked right here, on the coroutine's thread.
  [&queue] { std::lock_guard<std::mutex> guard(queue.mutex); }();
  // CHECK-MESSAGES-LOCK: :[[@LINE-1]]:3: warning: the lambda called here blocks the thread inside coroutine 'handle_shutdown'{{.*}}(category: lock)
  auto drain = [&queue] { queue.ready.notify_all(); ::sleep(1); };
  drain();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'drain' blocks the thread inside coroutine 'handle_shutdown'{{.*}}(category: sleep)
  co_return;
}

// A coroutine lambda inside a member coroutine.
struct Scheduler {
  cppcoro::task<> tick() {
    auto step = [this]() -> cppcoro::task<> {
      std::this_thread::sleep_for(std::chrono::milliseconds(period_ms));
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'std::this_thread::sleep_for' blocks the thread inside a coroutine lambda{{.*}}(category: sleep)
      co_return;
    };
    co_await step();
  }
  int period_ms = 10;
};
