// RUN: %check_async_lint %s %t -- %cxx20
// RUN: %check_async_lint --check-suffix=CONSOLE %s %t \
// RUN:   --config="{CheckOptions: {async-blocking-call.Categories: '*'}}" \
// RUN:   -- %cxx20
// RUN: %check_async_lint --check-suffix=NARROW %s %t \
// RUN:   --config="{CheckOptions: {async-blocking-call.Categories: '*,-console,-sleep,-other'}}" \
// RUN:   -- %cxx20
// RUN: %check_async_lint --check-suffix=ONLY-SLEEP %s %t \
// RUN:   --config="{CheckOptions: {async-blocking-call.Categories: 'sleep'}}" \
// RUN:   -- %cxx20
// RUN: %check_async_lint --check-suffix=PROJECT %s %t \
// RUN:   --config="{CheckOptions: {async-blocking-call.BlockingFunctions: 'legacy::Inventory::reserve;::billing::charge', async-blocking-call.AllowedFunctions: 'prefetch_thumbnails;::Telemetry::emit', async-blocking-call.DatabaseFiles: '%inputs/blocking-calls-extra.yaml'}}" \
// RUN:   -- %cxx20

// The options of async-blocking-call: Categories, BlockingFunctions,
// AllowedFunctions and DatabaseFiles, and the annotations API authors put on
// their own functions.

#include "cppcoro_task.h"

#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

#include <unistd.h>

using namespace std::chrono_literals;

// A project's own APIs, known to block only through the options.
namespace legacy {
class Inventory {
public:
  int reserve(const std::string &sku, int count);
  int available(const std::string &sku) const;
};
} // namespace legacy

namespace billing {
bool charge(const std::string &account, long cents);
} // namespace billing

namespace storage {
class BlobClient {
public:
  std::string download(const std::string &key);
  void upload(const std::string &key, const std::string &data);
  void upload(const std::string &key, const std::string &data,
              void (*done)(bool));
};
} // namespace storage

// Annotated APIs.
[[clang::annotate("async-lint::blocking")]] void wait_for_replica_sync();
[[clang::annotate("async-lint::blocking",
                  "co_await cluster.leader_elected()")]] void
await_leader_election();

class Telemetry {
public:
  void emit(const std::string &event) {
    std::lock_guard<std::mutex> guard(mutex);
    std::fputs(event.c_str(), sink);
  }

private:
  std::mutex mutex;
  std::FILE *sink = nullptr;
};

void prefetch_thumbnails() { ::usleep(2000); }

// Reaches an annotated function: blocking too.
void promote_replica() { wait_for_replica_sync(); }

cppcoro::task<> checkout(legacy::Inventory &inventory, storage::BlobClient &blobs,
                         Telemetry &telemetry) {
  std::printf("checkout started\n");
  // CHECK-MESSAGES-CONSOLE: :[[@LINE-1]]:3: warning: 'printf' blocks the thread inside coroutine 'checkout'; every other task on this executor stalls until it returns (category: console) [async-blocking-call]
  std::puts("reserving");
  // CHECK-MESSAGES-CONSOLE: :[[@LINE-1]]:3: warning: 'puts' blocks the thread inside coroutine 'checkout'{{.*}}(category: console)

  inventory.reserve("sku-42", 1);
  // CHECK-MESSAGES-PROJECT: :[[@LINE-1]]:13: warning: 'legacy::Inventory::reserve' blocks the thread inside coroutine 'checkout'; every other task on this executor stalls until it returns (category: other) [async-blocking-call]
  inventory.available("sku-42");
  billing::charge("acct-7", 1999);
  // CHECK-MESSAGES-PROJECT: :[[@LINE-1]]:3: warning: 'billing::charge' blocks the thread inside coroutine 'checkout'; every other task on this executor stalls until it returns (category: other) [async-blocking-call]

  std::string invoice = blobs.download("invoices/template");
  // CHECK-MESSAGES-PROJECT: :[[@LINE-1]]:31: warning: 'storage::BlobClient::download' blocks the thread inside coroutine 'checkout'; every other task on this executor stalls until it returns; instead: co_await client.download_async(key) (category: network-io) [async-blocking-call]
  blobs.upload("invoices/42", invoice);
  // CHECK-MESSAGES-PROJECT: :[[@LINE-1]]:9: warning: 'storage::BlobClient::upload' blocks the thread inside coroutine 'checkout'; every other task on this executor stalls until it returns; instead: co_await client.upload_async(key, data) (category: network-io) [async-blocking-call]
  blobs.upload("invoices/43", invoice, [](bool) {});

  std::this_thread::sleep_for(50ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks the thread inside coroutine 'checkout'; every other task on this executor stalls until it returns; instead: co_await timer.async_wait(asio::use_awaitable) with timer.expires_after(duration) (category: sleep) [async-blocking-call]
  // CHECK-MESSAGES-CONSOLE: :[[@LINE-2]]:3: warning: 'std::this_thread::sleep_for' blocks the thread inside coroutine 'checkout'{{.*}}(category: sleep)
  // CHECK-MESSAGES-ONLY-SLEEP: :[[@LINE-3]]:3: warning: 'std::this_thread::sleep_for' blocks the thread inside coroutine 'checkout'{{.*}}(category: sleep)
  // CHECK-MESSAGES-PROJECT: :[[@LINE-4]]:3: warning: 'std::this_thread::sleep_for' blocks the thread inside coroutine 'checkout'; every other task on this executor stalls until it returns; instead: co_await runtime::sleep_for(duration) (category: sleep) [async-blocking-call]

  // Category lock is off by default (the file write is found instead); '*'
  // and a list that does not remove it turn it on.
  telemetry.emit("checkout");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'Telemetry::emit' blocks the thread inside coroutine 'checkout'{{.*}}(category: file-io)
  // CHECK-MESSAGES-CONSOLE: :[[@LINE-2]]:13: warning: 'Telemetry::emit' blocks the thread inside coroutine 'checkout'; every other task on this executor stalls until it returns (category: lock) [async-blocking-call]
  // CHECK-MESSAGES-NARROW: :[[@LINE-3]]:13: warning: 'Telemetry::emit' blocks the thread inside coroutine 'checkout'{{.*}}(category: lock)

  prefetch_thumbnails();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'prefetch_thumbnails' blocks the thread inside coroutine 'checkout'{{.*}}(category: sleep)
  // CHECK-MESSAGES-CONSOLE: :[[@LINE-2]]:3: warning: 'prefetch_thumbnails' blocks the thread inside coroutine 'checkout'{{.*}}(category: sleep)
  // CHECK-MESSAGES-ONLY-SLEEP: :[[@LINE-3]]:3: warning: 'prefetch_thumbnails' blocks the thread inside coroutine 'checkout'{{.*}}(category: sleep)
  co_return;
}

cppcoro::task<> fail_over() {
  wait_for_replica_sync();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'wait_for_replica_sync' blocks the thread inside coroutine 'fail_over'; every other task on this executor stalls until it returns (category: other) [async-blocking-call]
  // CHECK-MESSAGES-CONSOLE: :[[@LINE-2]]:3: warning: 'wait_for_replica_sync' blocks the thread inside coroutine 'fail_over'{{.*}}(category: other)
  // CHECK-MESSAGES-PROJECT: :[[@LINE-3]]:3: warning: 'wait_for_replica_sync' blocks the thread inside coroutine 'fail_over'{{.*}}(category: other)
  await_leader_election();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'await_leader_election' blocks the thread inside coroutine 'fail_over'; every other task on this executor stalls until it returns; instead: co_await cluster.leader_elected() (category: other) [async-blocking-call]
  // CHECK-MESSAGES-CONSOLE: :[[@LINE-2]]:3: warning: 'await_leader_election' blocks the thread inside coroutine 'fail_over'{{.*}}(category: other)
  // CHECK-MESSAGES-PROJECT: :[[@LINE-3]]:3: warning: 'await_leader_election' blocks the thread inside coroutine 'fail_over'{{.*}}(category: other)
  promote_replica();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'promote_replica' blocks the thread inside coroutine 'fail_over'; every other task on this executor stalls until it returns (category: other) [async-blocking-call]
  // CHECK-MESSAGES-CONSOLE: :[[@LINE-2]]:3: warning: 'promote_replica' blocks the thread inside coroutine 'fail_over'{{.*}}(category: other)
  // CHECK-MESSAGES-PROJECT: :[[@LINE-3]]:3: warning: 'promote_replica' blocks the thread inside coroutine 'fail_over'{{.*}}(category: other)
  co_return;
}
