// RUN: %python %S/../verify_blocking_db.py %async-lint %s -- %cxx20 -fPIC -isystem /usr/include/x86_64-linux-gnu/qt6 -isystem /usr/include/x86_64-linux-gnu/qt6/QtCore -isystem /usr/include/x86_64-linux-gnu/qt6/QtNetwork -isystem /usr/include/x86_64-linux-gnu/qt6/QtConcurrent

// Every Qt 6 entry of checks/data/blocking-calls.yaml, called from a coroutine
// against the real headers (qt6-base-dev 6.4). The line after each call names
// the entry it exercises. Only the headers the calls need are included: Qt's
// umbrella headers cost seconds per translation unit.

#include "cppcoro_task.h"

#include <QtConcurrent/qtconcurrentfilter.h>
#include <QtConcurrent/qtconcurrentmap.h>
#include <QtCore/qcoreapplication.h>
#include <QtCore/qdir.h>
#include <QtCore/qdiriterator.h>
#include <QtCore/qeventloop.h>
#include <QtCore/qfile.h>
#include <QtCore/qfileinfo.h>
#include <QtCore/qfuture.h>
#include <QtCore/qfuturesynchronizer.h>
#include <QtCore/qfuturewatcher.h>
#include <QtCore/qlockfile.h>
#include <QtCore/qmutex.h>
#include <QtCore/qprocess.h>
#include <QtCore/qreadwritelock.h>
#include <QtCore/qsavefile.h>
#include <QtCore/qsemaphore.h>
#include <QtCore/qsettings.h>
#include <QtCore/qsharedmemory.h>
#include <QtCore/qsystemsemaphore.h>
#include <QtCore/qthread.h>
#include <QtCore/qthreadpool.h>
#include <QtCore/qwaitcondition.h>
#include <QtNetwork/qhostinfo.h>
#include <QtNetwork/qlocalserver.h>
#include <QtNetwork/qlocalsocket.h>
#include <QtNetwork/qtcpserver.h>
#include <QtNetwork/qtcpsocket.h>

cppcoro::task<> threads(QThread *thread, QEventLoop &loop, QThreadPool *pool) {
  QThread::sleep(1);
  // ENTRY: ::QThread::sleep
  QThread::msleep(10);
  // ENTRY: ::QThread::msleep
  QThread::usleep(10);
  // ENTRY: ::QThread::usleep
  thread->wait();
  // ENTRY: ::QThread::wait
  thread->start(); // returns at once
  loop.exec();
  // ENTRY: ::QEventLoop::exec
  loop.processEvents(); // returns when the pending events are handled
  QCoreApplication::exec();
  // ENTRY: ::QCoreApplication::exec
  pool->waitForDone();
  // ENTRY: ::QThreadPool::waitForDone
  co_return;
}

cppcoro::task<> devices(QTcpSocket *tcp, QLocalSocket *local, QProcess *proc, QTcpServer *server,
                        QLocalServer *localServer, QIODevice *device) {
  device->waitForReadyRead(1000);
  // ENTRY: ::QIODevice::waitForReadyRead
  device->waitForBytesWritten(1000);
  // ENTRY: ::QIODevice::waitForBytesWritten
  tcp->waitForConnected();
  // ENTRY: ::QAbstractSocket::waitForConnected
  tcp->waitForDisconnected();
  // ENTRY: ::QAbstractSocket::waitForDisconnected
  tcp->waitForReadyRead();
  // ENTRY: ::QAbstractSocket::waitForReadyRead
  tcp->waitForBytesWritten();
  // ENTRY: ::QAbstractSocket::waitForBytesWritten
  tcp->readAll();      // reads what has arrived: no wait
  tcp->write("x", 1);  // queues the bytes: no wait
  tcp->connectToHost("example.com", 80); // asynchronous
  local->waitForConnected();
  // ENTRY: ::QLocalSocket::waitForConnected
  local->waitForDisconnected();
  // ENTRY: ::QLocalSocket::waitForDisconnected
  local->waitForReadyRead();
  // ENTRY: ::QLocalSocket::waitForReadyRead
  local->waitForBytesWritten();
  // ENTRY: ::QLocalSocket::waitForBytesWritten
  proc->waitForStarted();
  // ENTRY: ::QProcess::waitForStarted
  proc->waitForFinished();
  // ENTRY: ::QProcess::waitForFinished
  proc->waitForReadyRead();
  // ENTRY: ::QProcess::waitForReadyRead
  proc->waitForBytesWritten();
  // ENTRY: ::QProcess::waitForBytesWritten
  QProcess::execute("true", {});
  // ENTRY: ::QProcess::execute
  proc->start("true", {}); // asynchronous
  server->waitForNewConnection(1000);
  // ENTRY: ::QTcpServer::waitForNewConnection
  localServer->waitForNewConnection(1000);
  // ENTRY: ::QLocalServer::waitForNewConnection
  QHostInfo::fromName("example.com");
  // ENTRY: ::QHostInfo::fromName
  co_return;
}

cppcoro::task<> futures(QFuture<int> &f, QFutureWatcher<int> &watcher, QFutureSynchronizer<int> &sync,
                        QList<int> &values) {
  f.waitForFinished();
  // ENTRY: ::QFuture::waitForFinished
  f.result();
  // ENTRY: ::QFuture::result
  f.resultAt(0);
  // ENTRY: ::QFuture::resultAt
  f.results();
  // ENTRY: ::QFuture::results
  f.takeResult();
  // ENTRY: ::QFuture::takeResult
  f.isFinished(); // returns at once
  watcher.waitForFinished();
  // ENTRY: ::QFutureWatcherBase::waitForFinished
  sync.waitForFinished();
  // ENTRY: ::QFutureSynchronizer::waitForFinished
  auto twice = [](int &v) { v *= 2; };
  auto odd = [](int v) { return v % 2 == 1; };
  QtConcurrent::blockingMap(values, twice);
  // ENTRY: ::QtConcurrent::blockingMap
  QtConcurrent::blockingMapped(values, [](int v) { return v * 2; });
  // ENTRY: ::QtConcurrent::blockingMapped
  QtConcurrent::blockingFilter(values, odd);
  // ENTRY: ::QtConcurrent::blockingFilter
  QtConcurrent::blockingFiltered(values, odd);
  // ENTRY: ::QtConcurrent::blockingFiltered
  QtConcurrent::map(values, twice); // asynchronous: returns a QFuture
  co_return;
}

cppcoro::task<> syncs(QMutex &m, QRecursiveMutex &rm, QReadWriteLock &rw, QSemaphore &sem, QWaitCondition &cv,
                      QSystemSemaphore &ssem, QSharedMemory &shm, QLockFile &lockFile) {
  m.lock();
  // ENTRY: ::QMutex::lock
  m.tryLock(); // returns at once
  rm.lock();
  // ENTRY: ::QRecursiveMutex::lock
  {
    QMutexLocker locker(&m);
    // ENTRY: ::QMutexLocker::QMutexLocker
  }
  rw.lockForRead();
  // ENTRY: ::QReadWriteLock::lockForRead
  rw.lockForWrite();
  // ENTRY: ::QReadWriteLock::lockForWrite
  {
    QReadLocker reader(&rw);
    // ENTRY: ::QReadLocker::QReadLocker
    QWriteLocker writer(&rw);
    // ENTRY: ::QWriteLocker::QWriteLocker
  }
  sem.acquire();
  // ENTRY: ::QSemaphore::acquire
  sem.tryAcquire(); // returns at once
  cv.wait(&m);
  // ENTRY: ::QWaitCondition::wait
  ssem.acquire();
  // ENTRY: ::QSystemSemaphore::acquire
  shm.lock();
  // ENTRY: ::QSharedMemory::lock
  lockFile.lock();
  // ENTRY: ::QLockFile::lock
  co_return;
}

cppcoro::task<> files(QFile &file, QSaveFile &save, QDir &dir, QFileInfo &info, QSettings &settings,
                      QDirIterator &it, QTcpSocket &socket) {
  file.open(QIODevice::ReadOnly);
  // ENTRY: ::QFile::open
  file.readAll();
  // ENTRY: ::QIODevice::readAll
  char buf[64];
  file.read(buf, sizeof buf);
  // ENTRY: ::QIODevice::read
  file.readLine();
  // ENTRY: ::QIODevice::readLine
  file.write("x", 1);
  // ENTRY: ::QIODevice::write
  char c;
  file.getChar(&c);
  // ENTRY: ::QIODevice::getChar
  file.putChar('x');
  // ENTRY: ::QIODevice::putChar
  socket.read(buf, sizeof buf); // a socket's buffered data: no wait
  file.flush();
  // ENTRY: ::QFileDevice::flush
  file.resize(0);
  // ENTRY: ::QFile::resize
  file.copy("/tmp/y");
  // ENTRY: ::QFile::copy
  file.remove();
  // ENTRY: ::QFile::remove
  file.rename("/tmp/z");
  // ENTRY: ::QFile::rename
  file.link("/tmp/l");
  // ENTRY: ::QFile::link
  file.exists();
  // ENTRY: ::QFile::exists
  QFile::exists("/tmp/x");
  // ENTRY: ::QFile::exists
  save.open(QIODevice::WriteOnly);
  // ENTRY: ::QSaveFile::open
  save.commit();
  // ENTRY: ::QSaveFile::commit
  dir.mkdir("a");
  // ENTRY: ::QDir::mkdir
  dir.mkpath("a/b");
  // ENTRY: ::QDir::mkpath
  dir.rmdir("a");
  // ENTRY: ::QDir::rmdir
  dir.rmpath("a/b");
  // ENTRY: ::QDir::rmpath
  dir.removeRecursively();
  // ENTRY: ::QDir::removeRecursively
  dir.entryList();
  // ENTRY: ::QDir::entryList
  dir.entryInfoList();
  // ENTRY: ::QDir::entryInfoList
  dir.exists();
  // ENTRY: ::QDir::exists
  dir.remove("f");
  // ENTRY: ::QDir::remove
  dir.rename("f", "g");
  // ENTRY: ::QDir::rename
  dir.isEmpty();
  // ENTRY: ::QDir::isEmpty
  dir.filePath("f"); // path arithmetic: no I/O
  info.exists();
  // ENTRY: ::QFileInfo::exists
  info.size();
  // ENTRY: ::QFileInfo::size
  info.isDir();
  // ENTRY: ::QFileInfo::isDir
  info.isFile();
  // ENTRY: ::QFileInfo::isFile
  info.lastModified();
  // ENTRY: ::QFileInfo::lastModified
  info.fileName(); // path arithmetic: no I/O
  settings.sync();
  // ENTRY: ::QSettings::sync
  it.next();
  // ENTRY: ::QDirIterator::next
  co_return;
}
