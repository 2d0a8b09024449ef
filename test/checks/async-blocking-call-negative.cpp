// RUN: %check_async_lint %s %t -- %cxx20 -DASIO_HAS_CO_AWAIT
// RUN: %check_async_lint %s %t \
// RUN:   --config="{CheckOptions: {async-blocking-call.AllowedFunctions: 'warm_cache;::metrics::Exporter::flush;::usleep'}}" \
// RUN:   -- %cxx20 -DASIO_HAS_CO_AWAIT -DWITH_ALLOWED_FUNCTIONS

// Code that must stay silent: blocking calls outside coroutine bodies, in
// lambdas that run on other threads, overloads that do not block, console
// output (off by default), unevaluated operands, uninstantiated templates,
// the awaited asynchronous alternatives and functions marked nonblocking.
// (Library code: async-blocking-call-library.cpp.)

#include "cppcoro_task.h"

#include <asio.hpp>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <iostream>
#include <mutex>
#include <shared_mutex>
#include <sstream>
#include <string>
#include <thread>
#include <typeinfo>
#include <vector>

#include <netdb.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace std::chrono_literals;

cppcoro::task<std::string> render_page(int id);

// ---- the same calls in plain functions: synchronous code may block

struct JobQueue {
  std::mutex mutex;
  std::condition_variable ready;
  std::vector<int> jobs;
};

int worker_loop(JobQueue &queue) {
  std::unique_lock<std::mutex> lock(queue.mutex);
  queue.ready.wait(lock, [&] { return !queue.jobs.empty(); });
  queue.ready.wait_for(lock, 1s);
  int job = queue.jobs.back();
  queue.jobs.pop_back();
  return job;
}

void backoff(int attempt) {
  std::this_thread::sleep_for(100ms * attempt);
  std::this_thread::sleep_until(std::chrono::steady_clock::now() + 1s);
  ::usleep(100);
  ::sleep(1);
}

std::string read_config_file(const std::string &path) {
  std::ifstream in(path);
  std::string text;
  std::getline(in, text);
  in >> text;
  std::FILE *file = std::fopen(path.c_str(), "r");
  char line[128];
  std::fgets(line, sizeof line, file);
  std::fclose(file);
  std::ofstream out(path + ".bak");
  out << text;
  return text;
}

int serve_blocking(int listener) {
  int client = ::accept(listener, nullptr, nullptr);
  char buffer[512];
  ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
  ::send(client, buffer, n, 0);
  addrinfo *addresses = nullptr;
  ::getaddrinfo("db.internal", "5432", nullptr, &addresses);
  ::freeaddrinfo(addresses);
  return client;
}

int run_migration_script() {
  int status = std::system("./migrate.sh");
  std::FILE *pipe = ::popen("git describe", "r");
  ::pclose(pipe);
  pid_t child = ::fork();
  ::waitpid(child, &status, 0);
  return status;
}

class Counters {
public:
  void bump() {
    std::lock_guard<std::mutex> guard(mutex);
    ++hits;
    mutex.lock();
    mutex.unlock();
    std::scoped_lock both(mutex, other);
  }

private:
  std::mutex mutex;
  std::mutex other;
  int hits = 0;
};

int join_all(std::vector<std::thread> &threads, std::future<int> &result) {
  for (std::thread &thread : threads)
    thread.join();
  result.wait();
  return result.get();
}

// main() is where a sync bridge belongs.
int main() {
  std::string page = cppcoro::sync_wait(render_page(1));
  return page.empty();
}

// ---- lambdas that are not coroutines run elsewhere, or not at all

class ThreadPool {
public:
  void submit(std::function<void()> job);
};

struct Deferred {
  std::function<void()> action;
};

cppcoro::task<> schedule_maintenance(ThreadPool &pool, asio::io_context &io,
                                     Deferred &deferred) {
  std::thread compactor([] { ::sync(); });
  compactor.detach();
  std::jthread sweeper([] { std::this_thread::sleep_for(1s); });
  sweeper.detach(); // its destructor has nothing left to join
  pool.submit([] {
    std::ofstream report("maintenance.log");
    report << "done\n";
  });
  asio::post(io, [] { ::usleep(10); });
  auto later = [] { ::sleep(5); };
  deferred.action = later;
  deferred.action = [] { ::fsync(3); };
  auto make_job = [] { return [] { ::sleep(1); }; };
  pool.submit(make_job());
  co_return;
}

// ---- overloads and arguments that do not block

cppcoro::task<bool> try_update(std::mutex &mutex, std::shared_mutex &shared) {
  std::unique_lock<std::mutex> deferred(mutex, std::defer_lock);
  std::unique_lock<std::mutex> attempted(mutex, std::try_to_lock);
  if (!attempted.owns_lock())
    co_return false;
  attempted.release();
  std::unique_lock<std::mutex> adopted(mutex, std::adopt_lock);
  std::unique_lock<std::mutex> empty;
  std::unique_lock<std::mutex> moved(std::move(adopted));
  std::shared_lock<std::shared_mutex> reader(shared, std::defer_lock);
  std::shared_lock<std::shared_mutex> maybe(shared, std::try_to_lock);
  if (mutex.try_lock()) {
    std::lock_guard<std::mutex> guard(mutex, std::adopt_lock);
  }
  if (mutex.try_lock()) {
    std::scoped_lock<std::mutex> scoped(std::adopt_lock, mutex);
  }
  co_return true;
}

cppcoro::task<> prepare_streams(std::string &out) {
  std::ifstream in;
  std::ofstream log;
  std::fstream journal;
  if (in.is_open() || log.is_open() || journal.is_open())
    out = "open";
  std::ifstream taken(std::move(in));
  co_return;
}

cppcoro::task<int> parse_header(std::string header) {
  std::istringstream fields(header);
  std::string name;
  int length = 0;
  fields >> name >> length;
  std::getline(fields, name, ':');
  std::ostringstream reply;
  reply << name << ' ' << length;
  std::stringstream scratch;
  scratch << reply.str();
  scratch >> name;
  co_return length;
}

cppcoro::task<int> drain_ready(pollfd *fds, int count, int epoll_fd,
                               epoll_event *events) {
  int ready = ::poll(fds, count, 0);
  ready += ::epoll_wait(epoll_fd, events, 16, 0);
  co_return ready;
}

cppcoro::task<> non_blocking_members(std::mutex &mutex,
                                     std::condition_variable &ready,
                                     std::future<int> &result,
                                     std::atomic<int> &state,
                                     const std::filesystem::path &path,
                                     std::filesystem::file_status status) {
  ready.notify_one();
  ready.notify_all();
  bool valid = result.valid();
  state.store(1);
  state.fetch_add(1);
  std::this_thread::yield();
  auto name = path.filename();
  auto extension = path.extension();
  bool is_dir = std::filesystem::is_directory(status);
  bool exists = std::filesystem::exists(status);
  (void)valid, (void)name, (void)extension, (void)is_dir, (void)exists;
  co_return;
}

// ---- console output: category 'console', off by default

cppcoro::task<> log_request(int id, const std::string &path) {
  std::printf("request %d %s\n", id, path.c_str());
  std::puts(path.c_str());
  std::fprintf(stderr, "served %d\n", id);
  std::cout << "request " << id << '\n';
  std::cerr << "slow path: " << path << std::endl;
  co_return;
}

// ---- unevaluated operands

cppcoro::task<> unevaluated() {
  static_assert(sizeof(::sleep(1)) == sizeof(unsigned));
  using SleepResult = decltype(::sleep(1));
  SleepResult remaining = 0;
  constexpr bool may_throw = !noexcept(std::this_thread::sleep_for(1s));
  const std::type_info &type = typeid(::getpid());
  (void)remaining, (void)may_throw, (void)type;
  co_return;
}

// ---- templates that are never instantiated

template <typename Payload> cppcoro::task<> publish_later(Payload payload) {
  ::usleep(sizeof(payload));
  co_return;
}

template <typename Record> class Repository {
public:
  cppcoro::task<Record> load() {
    std::lock_guard<std::mutex> guard(mutex);
    co_return Record{};
  }

private:
  std::mutex mutex;
};

inline void register_generic_route() {
  auto handler = [](auto request) -> cppcoro::task<> {
    ::sleep(request.timeout);
    co_return;
  };
  (void)handler;
}

// ---- the asynchronous alternatives, awaited

asio::awaitable<void> session(asio::ip::tcp::socket socket) {
  auto executor = co_await asio::this_coro::executor;
  asio::steady_timer timer(executor);
  timer.expires_after(100ms);
  co_await timer.async_wait(asio::use_awaitable);
  char data[1024];
  std::size_t n = co_await socket.async_read_some(asio::buffer(data),
                                                  asio::use_awaitable);
  co_await asio::async_write(socket, asio::buffer(data, n),
                             asio::use_awaitable);
  asio::ip::tcp::resolver resolver(executor);
  auto endpoints =
      co_await resolver.async_resolve("db.internal", "5432", asio::use_awaitable);
  asio::ip::tcp::socket upstream(executor);
  co_await asio::async_connect(upstream, endpoints, asio::use_awaitable);
}

asio::awaitable<void> listen(asio::ip::tcp::acceptor acceptor) {
  for (;;) {
    asio::ip::tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
    asio::co_spawn(acceptor.get_executor(), session(std::move(socket)),
                   asio::detached);
  }
}

// ---- functions marked nonblocking, and coroutines calling coroutines

[[clang::annotate("async-lint::nonblocking")]] void flush_page_cache(int fd);

void flush_page_cache(int fd) {
  // Only ever called on tmpfs descriptors, where this returns at once.
  ::fsync(fd);
}

struct Sampler {
  [[clang::annotate("async-lint::nonblocking")]] int sample() {
    std::lock_guard<std::mutex> guard(mutex); // uncontended by design
    return value;
  }
  std::mutex mutex;
  int value = 0;
};

cppcoro::task<int> collect(int fd, Sampler &sampler) {
  flush_page_cache(fd);
  int value = sampler.sample();
  std::string page = co_await render_page(value);
  co_return value + static_cast<int>(page.size());
}

// A plain function that is never called from a coroutine.
void shutdown_hook() { ::sync(); }

// Code in a local class runs when it is called, not where it is defined.
cppcoro::task<> register_signal_handler() {
  struct Handler {
    static void on_signal(int) { ::sync(); }
  };
  std::signal(SIGTERM, &Handler::on_signal);
  co_return;
}

// ---- AllowedFunctions (second RUN line): never reported, never looked into

#ifdef WITH_ALLOWED_FUNCTIONS
namespace metrics {
class Exporter {
public:
  void flush() { ::fsync(fd); }

private:
  int fd = -1;
};
} // namespace metrics

void warm_cache() { std::this_thread::sleep_for(10ms); }

cppcoro::task<> report_metrics(metrics::Exporter &exporter) {
  warm_cache();
  exporter.flush();
  ::usleep(100);
  co_return;
}
#endif
