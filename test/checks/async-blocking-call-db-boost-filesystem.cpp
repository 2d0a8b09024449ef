// RUN: %python %S/../verify_blocking_db.py %async-lint %s -- %cxx20

// Every Boost.Filesystem entry of checks/data/blocking-calls.yaml, called from
// a coroutine against the real headers (Boost 1.81). The line after each call
// names the entry it exercises.

#include "cppcoro_task.h"

#include <boost/filesystem/directory.hpp>
#include <boost/filesystem/fstream.hpp>
#include <boost/filesystem/operations.hpp>

namespace fs = boost::filesystem;

cppcoro::task<> queries(const fs::path &p, const fs::path &q) {
  boost::system::error_code ec;
  fs::exists(p);
  // ENTRY: ::boost::filesystem::exists
  fs::exists(p, ec);
  // ENTRY: ::boost::filesystem::exists
  fs::status(p);
  // ENTRY: ::boost::filesystem::status
  fs::symlink_status(p);
  // ENTRY: ::boost::filesystem::symlink_status
  fs::is_directory(p);
  // ENTRY: ::boost::filesystem::is_directory
  fs::is_regular_file(p);
  // ENTRY: ::boost::filesystem::is_regular_file
  fs::is_symlink(p);
  // ENTRY: ::boost::filesystem::is_symlink
  fs::is_empty(p);
  // ENTRY: ::boost::filesystem::is_empty
  fs::file_size(p);
  // ENTRY: ::boost::filesystem::file_size
  fs::last_write_time(p);
  // ENTRY: ::boost::filesystem::last_write_time
  fs::equivalent(p, q);
  // ENTRY: ::boost::filesystem::equivalent
  fs::hard_link_count(p);
  // ENTRY: ::boost::filesystem::hard_link_count
  fs::read_symlink(p);
  // ENTRY: ::boost::filesystem::read_symlink
  fs::space(p);
  // ENTRY: ::boost::filesystem::space
  fs::canonical(p);
  // ENTRY: ::boost::filesystem::canonical
  fs::weakly_canonical(p);
  // ENTRY: ::boost::filesystem::weakly_canonical
  fs::relative(p, q);
  // ENTRY: ::boost::filesystem::relative
  fs::system_complete(p);
  // ENTRY: ::boost::filesystem::system_complete
  fs::current_path();
  // ENTRY: ::boost::filesystem::current_path
  fs::temp_directory_path();
  // ENTRY: ::boost::filesystem::temp_directory_path
  fs::file_status st = fs::status(p);
  // ENTRY: ::boost::filesystem::status
  fs::is_directory(st); // a status already read: no I/O
  fs::exists(st);
  p.filename(); // path arithmetic: no I/O
  co_return;
}

cppcoro::task<> changes(const fs::path &p, const fs::path &q) {
  fs::create_directory(p);
  // ENTRY: ::boost::filesystem::create_directory
  fs::create_directories(p);
  // ENTRY: ::boost::filesystem::create_directories
  fs::create_symlink(p, q);
  // ENTRY: ::boost::filesystem::create_symlink
  fs::create_directory_symlink(p, q);
  // ENTRY: ::boost::filesystem::create_directory_symlink
  fs::create_hard_link(p, q);
  // ENTRY: ::boost::filesystem::create_hard_link
  fs::copy(p, q);
  // ENTRY: ::boost::filesystem::copy
  fs::copy_file(p, q);
  // ENTRY: ::boost::filesystem::copy_file
  fs::copy_directory(p, q);
  // ENTRY: ::boost::filesystem::copy_directory
  fs::copy_symlink(p, q);
  // ENTRY: ::boost::filesystem::copy_symlink
  fs::remove(p);
  // ENTRY: ::boost::filesystem::remove
  fs::remove_all(p);
  // ENTRY: ::boost::filesystem::remove_all
  fs::rename(p, q);
  // ENTRY: ::boost::filesystem::rename
  fs::resize_file(p, 0);
  // ENTRY: ::boost::filesystem::resize_file
  fs::permissions(p, fs::owner_all);
  // ENTRY: ::boost::filesystem::permissions
  fs::last_write_time(p, std::time_t{});
  // ENTRY: ::boost::filesystem::last_write_time
  co_return;
}

cppcoro::task<> listing(const fs::path &p) {
  fs::directory_iterator it(p);
  // ENTRY: ::boost::filesystem::directory_iterator::directory_iterator
  fs::recursive_directory_iterator rit(p);
  // ENTRY: ::boost::filesystem::recursive_directory_iterator::recursive_directory_iterator
  fs::directory_iterator end; // the end iterator: no I/O
  fs::ifstream in(p);
  // ENTRY: ::boost::filesystem::basic_ifstream::basic_ifstream
  fs::ofstream out(p);
  // ENTRY: ::boost::filesystem::basic_ofstream::basic_ofstream
  fs::fstream io(p);
  // ENTRY: ::boost::filesystem::basic_fstream::basic_fstream
  fs::ifstream closed; // opens nothing
  co_return;
}
