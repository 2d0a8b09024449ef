// RUN: %python %S/../verify_blocking_db.py %async-lint %s -- %cxx20

// Every POSIX and C library entry of checks/data/blocking-calls.yaml, called
// from a coroutine against the real glibc headers. The line after each call
// names the entry it exercises.

#include "cppcoro_task.h"

#include <dirent.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <resolv.h>
#include <semaphore.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/select.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <threads.h>
#include <time.h>
#include <unistd.h>

cppcoro::task<> sleeps() {
  sleep(1);
  // ENTRY: ::sleep
  usleep(1000);
  // ENTRY: ::usleep
  timespec ts{0, 1000};
  nanosleep(&ts, nullptr);
  // ENTRY: ::nanosleep
  clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, nullptr);
  // ENTRY: ::clock_nanosleep
  thrd_sleep(&ts, nullptr);
  // ENTRY: ::thrd_sleep
  co_return;
}

cppcoro::task<> signals(sigset_t *set) {
  pause();
  // ENTRY: ::pause
  sigsuspend(set);
  // ENTRY: ::sigsuspend
  int sig = 0;
  sigwait(set, &sig);
  // ENTRY: ::sigwait
  siginfo_t info;
  sigwaitinfo(set, &info);
  // ENTRY: ::sigwaitinfo
  timespec ts{1, 0};
  sigtimedwait(set, &info, &ts);
  // ENTRY: ::sigtimedwait
  co_return;
}

cppcoro::task<> file_io(int fd, char *buf, size_t n) {
  int a = open("/tmp/a", O_RDONLY);
  // ENTRY: ::open
  int b = open64("/tmp/b", O_RDONLY);
  // ENTRY: ::open64
  int c = openat(AT_FDCWD, "c", O_RDONLY);
  // ENTRY: ::openat
  int d = creat("/tmp/d", 0644);
  // ENTRY: ::creat
  read(fd, buf, n);
  // ENTRY: ::read
  write(fd, buf, n);
  // ENTRY: ::write
  pread(fd, buf, n, 0);
  // ENTRY: ::pread
  pread64(fd, buf, n, 0);
  // ENTRY: ::pread64
  pwrite(fd, buf, n, 0);
  // ENTRY: ::pwrite
  pwrite64(fd, buf, n, 0);
  // ENTRY: ::pwrite64
  iovec iov{buf, n};
  readv(fd, &iov, 1);
  // ENTRY: ::readv
  writev(fd, &iov, 1);
  // ENTRY: ::writev
  preadv(fd, &iov, 1, 0);
  // ENTRY: ::preadv
  pwritev(fd, &iov, 1, 0);
  // ENTRY: ::pwritev
  fsync(fd);
  // ENTRY: ::fsync
  fdatasync(fd);
  // ENTRY: ::fdatasync
  sync();
  // ENTRY: ::sync
  syncfs(fd);
  // ENTRY: ::syncfs
  truncate("/tmp/a", 0);
  // ENTRY: ::truncate
  ftruncate(fd, 0);
  // ENTRY: ::ftruncate
  struct stat st;
  stat("/tmp/a", &st);
  // ENTRY: ::stat
  lstat("/tmp/a", &st);
  // ENTRY: ::lstat
  unlink("/tmp/a");
  // ENTRY: ::unlink
  mkdir("/tmp/dir", 0755);
  // ENTRY: ::mkdir
  rmdir("/tmp/dir");
  // ENTRY: ::rmdir
  DIR *dir = opendir("/tmp");
  // ENTRY: ::opendir
  readdir(dir);
  // ENTRY: ::readdir
  sendfile(fd, a, nullptr, n);
  // ENTRY: ::sendfile
  copy_file_range(a, nullptr, fd, nullptr, n, 0);
  // ENTRY: ::copy_file_range
  flock(fd, LOCK_EX);
  // ENTRY: ::flock
  (void)b, (void)c, (void)d;
  co_return;
}

cppcoro::task<> socket_io(int s, char *buf, size_t n) {
  sockaddr_storage addr;
  socklen_t len = sizeof addr;
  recv(s, buf, n, 0);
  // ENTRY: ::recv
  recvfrom(s, buf, n, 0, reinterpret_cast<sockaddr *>(&addr), &len);
  // ENTRY: ::recvfrom
  msghdr msg{};
  recvmsg(s, &msg, 0);
  // ENTRY: ::recvmsg
  mmsghdr msgs[2]{};
  recvmmsg(s, msgs, 2, 0, nullptr);
  // ENTRY: ::recvmmsg
  send(s, buf, n, 0);
  // ENTRY: ::send
  sendto(s, buf, n, 0, reinterpret_cast<sockaddr *>(&addr), len);
  // ENTRY: ::sendto
  sendmsg(s, &msg, 0);
  // ENTRY: ::sendmsg
  sendmmsg(s, msgs, 2, 0);
  // ENTRY: ::sendmmsg
  int c = accept(s, nullptr, nullptr);
  // ENTRY: ::accept
  int d = accept4(s, nullptr, nullptr, SOCK_CLOEXEC);
  // ENTRY: ::accept4
  connect(s, reinterpret_cast<sockaddr *>(&addr), len);
  // ENTRY: ::connect
  pollfd pfd{s, POLLIN, 0};
  poll(&pfd, 1, 1000);
  // ENTRY: ::poll
  timespec ts{1, 0};
  ppoll(&pfd, 1, &ts, nullptr);
  // ENTRY: ::ppoll
  fd_set rd;
  FD_ZERO(&rd);
  timeval tv{1, 0};
  select(s + 1, &rd, nullptr, nullptr, &tv);
  // ENTRY: ::select
  pselect(s + 1, &rd, nullptr, nullptr, &ts, nullptr);
  // ENTRY: ::pselect
  epoll_event events[8];
  epoll_wait(s, events, 8, -1);
  // ENTRY: ::epoll_wait
  epoll_pwait(s, events, 8, 100, nullptr);
  // ENTRY: ::epoll_pwait
  epoll_pwait2(s, events, 8, &ts, nullptr);
  // ENTRY: ::epoll_pwait2
  (void)c, (void)d;
  co_return;
}

cppcoro::task<> processes() {
  pid_t child = fork();
  // ENTRY: ::fork
  pid_t other = vfork();
  // ENTRY: ::vfork
  int status = 0;
  wait(&status);
  // ENTRY: ::wait
  waitpid(child, &status, 0);
  // ENTRY: ::waitpid
  siginfo_t info;
  waitid(P_PID, other, &info, WEXITED);
  // ENTRY: ::waitid
  wait3(&status, 0, nullptr);
  // ENTRY: ::wait3
  wait4(child, &status, 0, nullptr);
  // ENTRY: ::wait4
  FILE *p = popen("ls", "r");
  // ENTRY: ::popen
  pclose(p);
  // ENTRY: ::pclose
  system("true");
  // ENTRY: ::system
  co_return;
}

cppcoro::task<> dns(const char *host) {
  addrinfo *res = nullptr;
  getaddrinfo(host, "http", nullptr, &res);
  // ENTRY: ::getaddrinfo
  char h[256], s[32];
  getnameinfo(res->ai_addr, res->ai_addrlen, h, sizeof h, s, sizeof s, 0);
  // ENTRY: ::getnameinfo
  gethostbyname(host);
  // ENTRY: ::gethostbyname
  gethostbyname2(host, AF_INET6);
  // ENTRY: ::gethostbyname2
  hostent he, *result = nullptr;
  char buf[1024];
  int err = 0;
  gethostbyname_r(host, &he, buf, sizeof buf, &result, &err);
  // ENTRY: ::gethostbyname_r
  in_addr a{};
  gethostbyaddr(&a, sizeof a, AF_INET);
  // ENTRY: ::gethostbyaddr
  unsigned char answer[512];
  res_query(host, 1, 1, answer, sizeof answer);
  // ENTRY: ::res_query
  res_search(host, 1, 1, answer, sizeof answer);
  // ENTRY: ::res_search
  co_return;
}

cppcoro::task<> locks_and_waits(pthread_mutex_t *m, pthread_rwlock_t *rw, pthread_spinlock_t *spin,
                                pthread_cond_t *cv, pthread_barrier_t *bar, pthread_t thread, sem_t *sem,
                                thrd_t t, mtx_t *mtx, cnd_t *cnd) {
  timespec deadline{1, 0};
  pthread_mutex_lock(m);
  // ENTRY: ::pthread_mutex_lock
  pthread_mutex_timedlock(m, &deadline);
  // ENTRY: ::pthread_mutex_timedlock
  pthread_rwlock_rdlock(rw);
  // ENTRY: ::pthread_rwlock_rdlock
  pthread_rwlock_wrlock(rw);
  // ENTRY: ::pthread_rwlock_wrlock
  pthread_spin_lock(spin);
  // ENTRY: ::pthread_spin_lock
  pthread_cond_wait(cv, m);
  // ENTRY: ::pthread_cond_wait
  pthread_cond_timedwait(cv, m, &deadline);
  // ENTRY: ::pthread_cond_timedwait
  pthread_barrier_wait(bar);
  // ENTRY: ::pthread_barrier_wait
  pthread_join(thread, nullptr);
  // ENTRY: ::pthread_join
  sem_wait(sem);
  // ENTRY: ::sem_wait
  sem_timedwait(sem, &deadline);
  // ENTRY: ::sem_timedwait
  thrd_join(t, nullptr);
  // ENTRY: ::thrd_join
  mtx_lock(mtx);
  // ENTRY: ::mtx_lock
  mtx_timedlock(mtx, &deadline);
  // ENTRY: ::mtx_timedlock
  cnd_wait(cnd, mtx);
  // ENTRY: ::cnd_wait
  cnd_timedwait(cnd, mtx, &deadline);
  // ENTRY: ::cnd_timedwait
  co_return;
}

cppcoro::task<> stdio_files(char *buf, int n) {
  FILE *f = fopen("/tmp/a", "r");
  // ENTRY: ::fopen
  FILE *g = fopen64("/tmp/b", "r");
  // ENTRY: ::fopen64
  freopen("/tmp/c", "r", g);
  // ENTRY: ::freopen
  FILE *t = tmpfile();
  // ENTRY: ::tmpfile
  fread(buf, 1, n, f);
  // ENTRY: ::fread
  fwrite(buf, 1, n, t);
  // ENTRY: ::fwrite
  fgets(buf, n, f);
  // ENTRY: ::fgets
  fgetc(f);
  // ENTRY: ::fgetc
  getc(f);
  // ENTRY: ::getc
  fputs("line\n", t);
  // ENTRY: ::fputs
  fputc('x', t);
  // ENTRY: ::fputc
  putc('x', t);
  // ENTRY: ::putc
  int v = 0;
  fscanf(f, "%d", &v);
  // ENTRY: ::fscanf
  char *line = nullptr;
  size_t cap = 0;
  getline(&line, &cap, f);
  // ENTRY: ::getline
  getdelim(&line, &cap, ';', f);
  // ENTRY: ::getdelim
  fflush(t);
  // ENTRY: ::fflush
  fclose(t);
  // ENTRY: ::fclose
  remove("/tmp/a");
  // ENTRY: ::remove
  rename("/tmp/b", "/tmp/c");
  // ENTRY: ::rename
  co_return;
}

cppcoro::task<> stdio_v(FILE *f, const char *fmt, va_list ap) {
  vfscanf(f, fmt, ap);
  // ENTRY: ::vfscanf
  vprintf(fmt, ap);
  // ENTRY: ::vprintf
  vfprintf(stderr, fmt, ap);
  // ENTRY: ::vfprintf
  vscanf(fmt, ap);
  // ENTRY: ::vscanf
  co_return;
}

cppcoro::task<> console(int n) {
  printf("%d\n", n);
  // ENTRY: ::printf
  fprintf(stderr, "%d\n", n);
  // ENTRY: ::fprintf
  puts("hello");
  // ENTRY: ::puts
  putchar('x');
  // ENTRY: ::putchar
  perror("open");
  // ENTRY: ::perror
  scanf("%d", &n);
  // ENTRY: ::scanf
  getchar();
  // ENTRY: ::getchar
  co_return;
}

// The same stdio calls are console I/O on the standard streams and file I/O on
// any other FILE*.
cppcoro::task<> standard_streams(FILE *f, char *buf, int n, const char *fmt, va_list ap) {
  fprintf(f, "%d\n", n);
  // ENTRY: ::fprintf
  vfprintf(f, fmt, ap);
  // ENTRY: ::vfprintf
  fwrite(buf, 1, n, stdout);
  // ENTRY: ::fwrite
  fputs("line\n", stderr);
  // ENTRY: ::fputs
  fputc('x', stdout);
  // ENTRY: ::fputc
  putc('x', stderr);
  // ENTRY: ::putc
  fflush(stdout);
  // ENTRY: ::fflush
  fread(buf, 1, n, stdin);
  // ENTRY: ::fread
  fgets(buf, n, stdin);
  // ENTRY: ::fgets
  fgetc(stdin);
  // ENTRY: ::fgetc
  getc(stdin);
  // ENTRY: ::getc
  int v = 0;
  fscanf(stdin, "%d", &v);
  // ENTRY: ::fscanf
  vfscanf(stdin, fmt, ap);
  // ENTRY: ::vfscanf
  char *line = nullptr;
  size_t cap = 0;
  getline(&line, &cap, stdin);
  // ENTRY: ::getline
  getdelim(&line, &cap, ';', stdin);
  // ENTRY: ::getdelim
  co_return;
}
