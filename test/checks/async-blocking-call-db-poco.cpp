// RUN: %python %S/../verify_blocking_db.py %async-lint %s -- %cxx20

// Every Poco entry of checks/data/blocking-calls.yaml, called from a coroutine
// against the real headers (libpoco-dev 1.11). The line after each call names
// the entry it exercises.

#include "cppcoro_task.h"

#include <Poco/ActiveResult.h>
#include <Poco/Condition.h>
#include <Poco/Event.h>
#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/Mutex.h>
#include <Poco/Net/DNS.h>
#include <Poco/Net/DatagramSocket.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/WebSocket.h>
#include <Poco/NotificationQueue.h>
#include <Poco/Process.h>
#include <Poco/Semaphore.h>
#include <Poco/TaskManager.h>
#include <Poco/Thread.h>
#include <Poco/ThreadPool.h>

cppcoro::task<> network(Poco::Net::HTTPClientSession &session, Poco::Net::StreamSocket &sock,
                        Poco::Net::ServerSocket &server, Poco::Net::DatagramSocket &dgram,
                        Poco::Net::WebSocket &ws, const Poco::Net::SocketAddress &addr) {
  Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_GET, "/");
  Poco::Net::HTTPResponse res;
  session.sendRequest(req);
  // ENTRY: ::Poco::Net::HTTPClientSession::sendRequest
  session.receiveResponse(res);
  // ENTRY: ::Poco::Net::HTTPClientSession::receiveResponse
  char buf[64];
  sock.connect(addr);
  // ENTRY: ::Poco::Net::StreamSocket::connect
  sock.connectNB(addr); // non-blocking connect
  sock.sendBytes(buf, sizeof buf);
  // ENTRY: ::Poco::Net::StreamSocket::sendBytes
  sock.receiveBytes(buf, sizeof buf);
  // ENTRY: ::Poco::Net::StreamSocket::receiveBytes
  sock.poll(Poco::Timespan(1, 0), Poco::Net::Socket::SELECT_READ);
  // ENTRY: ::Poco::Net::Socket::poll
  sock.available(); // returns at once
  Poco::Net::Socket::SocketList readable, writable, failed;
  Poco::Net::Socket::select(readable, writable, failed, Poco::Timespan(1, 0));
  // ENTRY: ::Poco::Net::Socket::select
  server.acceptConnection();
  // ENTRY: ::Poco::Net::ServerSocket::acceptConnection
  dgram.sendBytes(buf, sizeof buf);
  // ENTRY: ::Poco::Net::DatagramSocket::sendBytes
  dgram.receiveBytes(buf, sizeof buf);
  // ENTRY: ::Poco::Net::DatagramSocket::receiveBytes
  dgram.sendTo(buf, sizeof buf, addr);
  // ENTRY: ::Poco::Net::DatagramSocket::sendTo
  Poco::Net::SocketAddress from;
  dgram.receiveFrom(buf, sizeof buf, from);
  // ENTRY: ::Poco::Net::DatagramSocket::receiveFrom
  int flags = 0;
  ws.sendFrame(buf, sizeof buf);
  // ENTRY: ::Poco::Net::WebSocket::sendFrame
  ws.receiveFrame(buf, sizeof buf, flags);
  // ENTRY: ::Poco::Net::WebSocket::receiveFrame
  Poco::Net::DNS::hostByName("example.com");
  // ENTRY: ::Poco::Net::DNS::hostByName
  Poco::Net::DNS::hostByAddress(addr.host());
  // ENTRY: ::Poco::Net::DNS::hostByAddress
  Poco::Net::DNS::resolve("example.com");
  // ENTRY: ::Poco::Net::DNS::resolve
  Poco::Net::DNS::resolveOne("example.com");
  // ENTRY: ::Poco::Net::DNS::resolveOne
  co_return;
}

cppcoro::task<> threads(Poco::Thread &t, Poco::Event &e, Poco::Semaphore &s, Poco::Mutex &m, Poco::FastMutex &fm,
                        Poco::Condition &cv, Poco::ThreadPool &pool, Poco::TaskManager &tasks,
                        Poco::NotificationQueue &queue, Poco::ProcessHandle &proc, Poco::ActiveResult<int> &result) {
  Poco::Thread::sleep(10);
  // ENTRY: ::Poco::Thread::sleep
  t.join();
  // ENTRY: ::Poco::Thread::join
  t.tryJoin(100);
  // ENTRY: ::Poco::Thread::tryJoin
  e.wait();
  // ENTRY: ::Poco::Event::wait
  e.tryWait(100);
  // ENTRY: ::Poco::Event::tryWait
  e.set(); // returns at once
  s.wait();
  // ENTRY: ::Poco::Semaphore::wait
  m.lock();
  // ENTRY: ::Poco::Mutex::lock
  fm.lock();
  // ENTRY: ::Poco::FastMutex::lock
  m.tryLock(); // returns at once
  cv.wait(m);
  // ENTRY: ::Poco::Condition::wait
  pool.joinAll();
  // ENTRY: ::Poco::ThreadPool::joinAll
  tasks.joinAll();
  // ENTRY: ::Poco::TaskManager::joinAll
  queue.waitDequeueNotification();
  // ENTRY: ::Poco::NotificationQueue::waitDequeueNotification
  queue.dequeueNotification(); // returns at once
  proc.wait();
  // ENTRY: ::Poco::ProcessHandle::wait
  Poco::Process::wait(proc);
  // ENTRY: ::Poco::Process::wait
  result.wait();
  // ENTRY: ::Poco::ActiveResult::wait
  co_return;
}

cppcoro::task<> files(Poco::File &f) {
  f.exists();
  // ENTRY: ::Poco::File::exists
  f.isDirectory();
  // ENTRY: ::Poco::File::isDirectory
  f.isFile();
  // ENTRY: ::Poco::File::isFile
  f.getSize();
  // ENTRY: ::Poco::File::getSize
  f.copyTo("/tmp/y");
  // ENTRY: ::Poco::File::copyTo
  f.moveTo("/tmp/z");
  // ENTRY: ::Poco::File::moveTo
  f.remove();
  // ENTRY: ::Poco::File::remove
  f.createDirectory();
  // ENTRY: ::Poco::File::createDirectory
  f.createDirectories();
  // ENTRY: ::Poco::File::createDirectories
  std::vector<std::string> names;
  f.list(names);
  // ENTRY: ::Poco::File::list
  f.path(); // the name only
  Poco::FileInputStream in("/tmp/x");
  // ENTRY: ::Poco::FileInputStream::FileInputStream
  Poco::FileOutputStream out("/tmp/x");
  // ENTRY: ::Poco::FileOutputStream::FileOutputStream
  co_return;
}
