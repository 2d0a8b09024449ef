// RUN: %python %S/../verify_blocking_db.py %async-lint %s -- %cxx20
// RUN: %python %S/../verify_blocking_db.py %async-lint %s -- %cxx20 -stdlib=libc++ -fexperimental-library

// Every C++ standard library entry of checks/data/blocking-calls.yaml, called
// from a coroutine against the real standard library headers: libstdc++, and
// libc++ (the second RUN line), whose implementation details differ (inline
// namespace std::__1, other base classes; -fexperimental-library because
// libc++ 19 keeps std::jthread behind it). The line after each call names the
// entry it exercises.

#include "cppcoro_task.h"

#include <atomic>
#include <barrier>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <sstream>
#include <latch>
#include <mutex>
#include <semaphore>
#include <shared_mutex>
#include <string>
#include <thread>

using namespace std::chrono_literals;
namespace fs = std::filesystem;

cppcoro::task<> sleeps() {
  std::this_thread::sleep_for(10ms);
  // ENTRY: std::this_thread::sleep_for
  std::this_thread::sleep_until(std::chrono::steady_clock::now() + 1s);
  // ENTRY: std::this_thread::sleep_until
  co_return;
}

cppcoro::task<> file_streams(const std::string &path, std::string &line, char *buf) {
  std::ifstream in(path);
  // ENTRY: std::basic_ifstream::basic_ifstream
  std::ofstream out("out.txt", std::ios::app);
  // ENTRY: std::basic_ofstream::basic_ofstream
  std::fstream io(path, std::ios::in | std::ios::out);
  // ENTRY: std::basic_fstream::basic_fstream
  std::ifstream in2;
  in2.open(path);
  // ENTRY: std::basic_ifstream::open
  std::ofstream out2;
  out2.open(path);
  // ENTRY: std::basic_ofstream::open
  std::fstream io2;
  io2.open(path);
  // ENTRY: std::basic_fstream::open
  std::filebuf fb;
  fb.open(path, std::ios::in);
  // ENTRY: std::basic_filebuf::open
  std::getline(in, line);
  // ENTRY: std::getline
  in >> line;
  // ENTRY: std::operator>>
  int n = 0;
  in >> n;
  // ENTRY: std::basic_istream::operator>>
  in.read(buf, 16);
  // ENTRY: std::basic_istream::read
  in.get();
  // ENTRY: std::basic_istream::get
  io.getline(buf, 16);
  // ENTRY: std::basic_istream::getline
  in.ignore(16, '\n');
  // ENTRY: std::basic_istream::ignore
  in.peek();
  // ENTRY: std::basic_istream::peek
  in.readsome(buf, 16); // takes only what is already buffered: no entry
  out << "text";
  // ENTRY: std::operator<<
  io << n;
  // ENTRY: std::basic_ostream::operator<<
  out.write(buf, 16);
  // ENTRY: std::basic_ostream::write
  out.put('x');
  // ENTRY: std::basic_ostream::put
  out.flush();
  // ENTRY: std::basic_ostream::flush
  out.close();
  // ENTRY: std::basic_ofstream::close
  io.close();
  // ENTRY: std::basic_fstream::close
  fb.close();
  // ENTRY: std::basic_filebuf::close
  co_return;
}

cppcoro::task<> filesystem(const fs::path &a, const fs::path &b) {
  std::error_code ec;
  fs::copy(a, b);
  // ENTRY: std::filesystem::copy
  fs::copy_file(a, b, fs::copy_options::overwrite_existing);
  // ENTRY: std::filesystem::copy_file
  fs::copy_symlink(a, b, ec);
  // ENTRY: std::filesystem::copy_symlink
  fs::create_directory(a);
  // ENTRY: std::filesystem::create_directory
  fs::create_directories(a / "x" / "y");
  // ENTRY: std::filesystem::create_directories
  fs::create_hard_link(a, b);
  // ENTRY: std::filesystem::create_hard_link
  fs::create_symlink(a, b);
  // ENTRY: std::filesystem::create_symlink
  fs::create_directory_symlink(a, b);
  // ENTRY: std::filesystem::create_directory_symlink
  fs::remove(a);
  // ENTRY: std::filesystem::remove
  fs::remove_all(a, ec);
  // ENTRY: std::filesystem::remove_all
  fs::rename(a, b);
  // ENTRY: std::filesystem::rename
  fs::resize_file(a, 0);
  // ENTRY: std::filesystem::resize_file
  (void)fs::file_size(a);
  // ENTRY: std::filesystem::file_size
  (void)fs::hard_link_count(a);
  // ENTRY: std::filesystem::hard_link_count
  (void)fs::is_empty(a);
  // ENTRY: std::filesystem::is_empty
  fs::file_status st = fs::status(a);
  // ENTRY: std::filesystem::status
  (void)fs::symlink_status(a);
  // ENTRY: std::filesystem::symlink_status
  (void)fs::last_write_time(a);
  // ENTRY: std::filesystem::last_write_time
  fs::permissions(a, fs::perms::owner_all);
  // ENTRY: std::filesystem::permissions
  (void)fs::read_symlink(a);
  // ENTRY: std::filesystem::read_symlink
  (void)fs::canonical(a);
  // ENTRY: std::filesystem::canonical
  (void)fs::weakly_canonical(a);
  // ENTRY: std::filesystem::weakly_canonical
  (void)fs::equivalent(a, b);
  // ENTRY: std::filesystem::equivalent
  (void)fs::space(a);
  // ENTRY: std::filesystem::space
  (void)fs::relative(a, b);
  // ENTRY: std::filesystem::relative
  (void)fs::proximate(a);
  // ENTRY: std::filesystem::proximate
  (void)fs::exists(a);
  // ENTRY: std::filesystem::exists
  (void)fs::is_directory(a);
  // ENTRY: std::filesystem::is_directory
  (void)fs::is_regular_file(a, ec);
  // ENTRY: std::filesystem::is_regular_file
  (void)fs::is_symlink(a);
  // ENTRY: std::filesystem::is_symlink
  (void)fs::exists(st); // a cached status: no entry, does not touch the disk
  fs::directory_iterator it(a);
  // ENTRY: std::filesystem::directory_iterator::directory_iterator
  fs::recursive_directory_iterator rit(a);
  // ENTRY: std::filesystem::recursive_directory_iterator::recursive_directory_iterator
  ++it;
  // ENTRY: std::filesystem::directory_iterator::operator++
  it.increment(ec);
  // ENTRY: std::filesystem::directory_iterator::increment
  ++rit;
  // ENTRY: std::filesystem::recursive_directory_iterator::operator++
  rit.increment(ec);
  // ENTRY: std::filesystem::recursive_directory_iterator::increment
  fs::directory_entry entry(a);
  // ENTRY: std::filesystem::directory_entry::directory_entry
  entry.refresh();
  // ENTRY: std::filesystem::directory_entry::refresh
  co_return;
}

std::mutex m;
std::timed_mutex tm;
std::recursive_mutex rm;
std::recursive_timed_mutex rtm;
std::shared_mutex sm;
std::shared_timed_mutex stm;

cppcoro::task<> locks() {
  m.lock();
  // ENTRY: std::mutex::lock
  tm.lock();
  // ENTRY: std::timed_mutex::lock
  rm.lock();
  // ENTRY: std::recursive_mutex::lock
  rtm.lock();
  // ENTRY: std::recursive_timed_mutex::lock
  sm.lock();
  // ENTRY: std::shared_mutex::lock
  stm.lock();
  // ENTRY: std::shared_timed_mutex::lock
  tm.try_lock_for(10ms);
  // ENTRY: std::timed_mutex::try_lock_for
  tm.try_lock_until(std::chrono::steady_clock::now() + 10ms);
  // ENTRY: std::timed_mutex::try_lock_until
  rtm.try_lock_for(10ms);
  // ENTRY: std::recursive_timed_mutex::try_lock_for
  rtm.try_lock_until(std::chrono::steady_clock::now() + 10ms);
  // ENTRY: std::recursive_timed_mutex::try_lock_until
  stm.try_lock_for(10ms);
  // ENTRY: std::shared_timed_mutex::try_lock_for
  stm.try_lock_until(std::chrono::steady_clock::now() + 10ms);
  // ENTRY: std::shared_timed_mutex::try_lock_until
  sm.lock_shared();
  // ENTRY: std::shared_mutex::lock_shared
  stm.lock_shared();
  // ENTRY: std::shared_timed_mutex::lock_shared
  stm.try_lock_shared_for(10ms);
  // ENTRY: std::shared_timed_mutex::try_lock_shared_for
  stm.try_lock_shared_until(std::chrono::steady_clock::now() + 10ms);
  // ENTRY: std::shared_timed_mutex::try_lock_shared_until
  std::lock(m, rm);
  // ENTRY: std::lock
  {
    std::lock_guard<std::mutex> g(m);
    // ENTRY: std::lock_guard::lock_guard
    std::lock_guard<std::mutex> adopted(m, std::adopt_lock); // does not lock: no entry
  }
  {
    std::scoped_lock g(m, rm);
    // ENTRY: std::scoped_lock::scoped_lock
  }
  {
    std::unique_lock<std::mutex> u(m);
    // ENTRY: std::unique_lock::unique_lock
    std::unique_lock<std::mutex> deferred(m, std::defer_lock); // does not lock: no entry
    deferred.lock();
    // ENTRY: std::unique_lock::lock
    std::unique_lock<std::timed_mutex> tu(tm, std::defer_lock);
    tu.try_lock_for(10ms);
    // ENTRY: std::unique_lock::try_lock_for
    tu.try_lock_until(std::chrono::steady_clock::now() + 10ms);
    // ENTRY: std::unique_lock::try_lock_until
  }
  {
    std::shared_lock<std::shared_timed_mutex> s(stm);
    // ENTRY: std::shared_lock::shared_lock
    std::shared_lock<std::shared_timed_mutex> deferred(stm, std::defer_lock); // no entry
    deferred.lock();
    // ENTRY: std::shared_lock::lock
    deferred.try_lock_for(10ms);
    // ENTRY: std::shared_lock::try_lock_for
    deferred.try_lock_until(std::chrono::steady_clock::now() + 10ms);
    // ENTRY: std::shared_lock::try_lock_until
  }
  co_return;
}

cppcoro::task<> waits(std::condition_variable &cv, std::condition_variable_any &cva,
                      std::counting_semaphore<8> &sem, std::latch &latch, std::barrier<> &barrier,
                      std::atomic<int> &counter, std::atomic_flag &flag, std::future<int> f,
                      std::shared_future<int> sf, std::thread &thread, std::jthread &jthread) {
  std::unique_lock<std::mutex> lk(m);
  // ENTRY: std::unique_lock::unique_lock
  cv.wait(lk);
  // ENTRY: std::condition_variable::wait
  cv.wait_for(lk, 10ms);
  // ENTRY: std::condition_variable::wait_for
  cv.wait_until(lk, std::chrono::steady_clock::now() + 10ms);
  // ENTRY: std::condition_variable::wait_until
  cva.wait(lk);
  // ENTRY: std::condition_variable_any::wait
  cva.wait_for(lk, 10ms);
  // ENTRY: std::condition_variable_any::wait_for
  cva.wait_until(lk, std::chrono::steady_clock::now() + 10ms);
  // ENTRY: std::condition_variable_any::wait_until
  sem.acquire();
  // ENTRY: std::counting_semaphore::acquire
  sem.try_acquire_for(10ms);
  // ENTRY: std::counting_semaphore::try_acquire_for
  sem.try_acquire_until(std::chrono::steady_clock::now() + 10ms);
  // ENTRY: std::counting_semaphore::try_acquire_until
  latch.wait();
  // ENTRY: std::latch::wait
  latch.arrive_and_wait();
  // ENTRY: std::latch::arrive_and_wait
  barrier.wait(barrier.arrive());
  // ENTRY: std::barrier::wait
  barrier.arrive_and_wait();
  // ENTRY: std::barrier::arrive_and_wait
  counter.wait(0);
  // ENTRY: std::atomic::wait
  flag.wait(false);
  // ENTRY: std::atomic_flag::wait
  std::atomic_wait(&counter, 0);
  // ENTRY: std::atomic_wait
  std::atomic_wait_explicit(&counter, 0, std::memory_order_acquire);
  // ENTRY: std::atomic_wait_explicit
#ifdef _LIBCPP_VERSION
  // libstdc++ 12 does not declare it.
  std::atomic_flag_wait(&flag, false);
  // ENTRY(-stdlib=libc++): std::atomic_flag_wait
#endif
  f.wait_for(10ms);
  // ENTRY: std::future::wait_for
  f.wait_until(std::chrono::steady_clock::now() + 10ms);
  // ENTRY: std::future::wait_until
  f.get();
  // ENTRY: std::future::get
  // (Last: after wait(), the other calls would find it ready.)
  f.wait();
  // ENTRY: std::future::wait
  sf.wait_for(10ms);
  // ENTRY: std::shared_future::wait_for
  sf.wait_until(std::chrono::steady_clock::now() + 10ms);
  // ENTRY: std::shared_future::wait_until
  sf.get();
  // ENTRY: std::shared_future::get
  // (Last: after wait(), the other calls would find it ready.)
  sf.wait();
  // ENTRY: std::shared_future::wait
  thread.join();
  // ENTRY: std::thread::join
  jthread.join();
  // ENTRY: std::jthread::join
  {
    std::jthread worker([] {});
    // ENTRY: std::jthread::~jthread
  }
  std::async(std::launch::async, [] {});
  // ENTRY: std::async
  co_return;
}

// Console I/O through the standard streams; the same operations on a string
// stream do no I/O at all.
cppcoro::task<> console(std::string &line, std::ostringstream &text, int n) {
  std::cout << "hello";
  // ENTRY: std::operator<<
  std::cerr << n;
  // ENTRY: std::basic_ostream::operator<<
  std::clog.write("x", 1);
  // ENTRY: std::basic_ostream::write
  std::cout.put('x');
  // ENTRY: std::basic_ostream::put
  std::cout.flush();
  // ENTRY: std::basic_ostream::flush
  std::wcout << L"hello";
  // ENTRY: std::operator<<
  std::getline(std::cin, line);
  // ENTRY: std::getline
  std::cin >> line;
  // ENTRY: std::operator>>
  std::cin >> n;
  // ENTRY: std::basic_istream::operator>>
  char buf[16];
  std::cin.read(buf, sizeof buf);
  // ENTRY: std::basic_istream::read
  std::cin.get();
  // ENTRY: std::basic_istream::get
  std::cin.getline(buf, sizeof buf);
  // ENTRY: std::basic_istream::getline
  std::cin.ignore();
  // ENTRY: std::basic_istream::ignore
  text << "hello" << n; // a string stream: no I/O
  co_return;
}
