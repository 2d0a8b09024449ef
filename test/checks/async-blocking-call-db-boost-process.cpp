// RUN: %python %S/../verify_blocking_db.py %async-lint %s -- %cxx20

// Every Boost.Process entry of checks/data/blocking-calls.yaml, called from a
// coroutine against the real headers (Boost 1.81, v1 and v2). The line after
// each call names the entry it exercises.

#include "cppcoro_task.h"

#include <boost/process/child.hpp>
#include <boost/process/group.hpp>
#include <boost/process/io.hpp>
#include <boost/process/pipe.hpp>
#include <boost/process/search_path.hpp>
#include <boost/process/system.hpp>
#include <boost/process/v2/execute.hpp>
#include <boost/process/v2/process.hpp>

namespace bp = boost::process;

cppcoro::task<> children(bp::child &c, bp::group &g, bp::pipe &p, bp::ipstream &out) {
  std::error_code ec;
  c.wait();
  // ENTRY: ::boost::process::child::wait
  c.wait(ec);
  // ENTRY: ::boost::process::child::wait
  c.wait_for(std::chrono::seconds(1));
  // ENTRY: ::boost::process::child::wait_for
  c.wait_until(std::chrono::steady_clock::now());
  // ENTRY: ::boost::process::child::wait_until
  c.running(); // returns at once
  g.wait();
  // ENTRY: ::boost::process::group::wait
  bp::system("/bin/true");
  // ENTRY: ::boost::process::system
  bp::search_path("sh");
  // ENTRY: ::boost::process::search_path
  char buf[64];
  p.read(buf, sizeof buf);
  // ENTRY: ::boost::process::detail::posix::basic_pipe::read
  p.write(buf, sizeof buf);
  // ENTRY: ::boost::process::detail::posix::basic_pipe::write
  std::string line;
  std::getline(out, line);
  // ENTRY: std::getline
  co_return;
}

cppcoro::task<> v2(boost::process::v2::process &proc) {
  proc.wait();
  // ENTRY: ::boost::process::v2::basic_process::wait
  boost::process::v2::execute(std::move(proc));
  // ENTRY: ::boost::process::v2::execute
  co_return;
}
