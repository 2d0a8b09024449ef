// Coroutine types that are not tasks: a fire-and-forget type that starts
// eagerly and cannot be awaited (discarding it is its purpose), and a type
// whose initial_suspend hands the coroutine to a thread pool.
#pragma once
#include <coroutine>

struct fire_and_forget {
  struct promise_type {
    fire_and_forget get_return_object() noexcept { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept {}
  };
};

void enqueue_on_pool(std::coroutine_handle<> h);

struct spawned {
  struct start_on_pool {
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h) const { enqueue_on_pool(h); }
    void await_resume() const noexcept {}
  };
  struct promise_type {
    spawned get_return_object() noexcept { return {}; }
    start_on_pool initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept {}
  };
};
