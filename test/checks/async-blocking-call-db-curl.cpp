// RUN: %python %S/../verify_blocking_db.py %async-lint %s -- %cxx20

// Every libcurl entry of checks/data/blocking-calls.yaml, called from a
// coroutine against the real header (libcurl4-openssl-dev). The line after
// each call names the entry it exercises.

#include "cppcoro_task.h"

#include <curl/curl.h>

cppcoro::task<> transfers(CURL *easy, CURLM *multi) {
  curl_easy_perform(easy);
  // ENTRY: ::curl_easy_perform
  int running = 0;
  curl_multi_perform(multi, &running); // non-blocking: no entry
  int ready = 0;
  curl_multi_poll(multi, nullptr, 0, 1000, &ready);
  // ENTRY: ::curl_multi_poll
  curl_multi_wait(multi, nullptr, 0, 1000, &ready);
  // ENTRY: ::curl_multi_wait
  co_return;
}
