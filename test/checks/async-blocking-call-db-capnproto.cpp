// RUN: %python %S/../verify_blocking_db.py %async-lint %s -- %cxx20

// Every Cap'n Proto / KJ entry of checks/data/blocking-calls.yaml, called from
// a coroutine against the real headers (libcapnp-dev 0.9). The line after each
// call names the entry it exercises. Only KJ is covered: capnp 0.9's own
// headers (capnp/blob.h) do not compile as C++20 with Clang 19.

#include "cppcoro_task.h"

#include <kj/async.h>
#include <kj/io.h>

cppcoro::task<> promises(kj::Promise<int> &p, kj::Promise<void> &done, kj::WaitScope &scope) {
  p.wait(scope);
  // ENTRY: ::kj::Promise::wait
  done.wait(scope);
  // ENTRY: ::kj::Promise::wait
  kj::NEVER_DONE.wait(scope);
  // ENTRY: ::kj::_::NeverDone::wait
  p.poll(scope); // runs ready events and returns
  co_return;
}

cppcoro::task<> streams(kj::FdInputStream &in, kj::FdOutputStream &out, kj::ArrayInputStream &memory) {
  char buf[64];
  in.tryRead(buf, 1, sizeof buf);
  // ENTRY: ::kj::FdInputStream::tryRead
  in.read(buf, sizeof buf);
  // ENTRY: ::kj::InputStream::read
  out.write(buf, sizeof buf);
  // ENTRY: ::kj::FdOutputStream::write
  memory.read(buf, sizeof buf); // an in-memory stream
  co_return;
}
