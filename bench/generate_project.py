#!/usr/bin/env python3
"""Writes a C++20 coroutine project of N translation units for the
whole-project benchmark (bench/run.py --whole-project):

    python3 bench/generate_project.py OUT [--tus 40]

OUT gets include/proj/*.hpp (project headers that include Boost.Asio and
the standard library), src/*.cpp and build/compile_commands.json. Like a real
service, most TUs begin with the project's main header and differ after it;
a fifth begin with another project header (a second shared group); two
define a macro before their first include (they share nothing). A few TUs
hold the bugs async-lint finds (a blocking sleep in a coroutine, a discarded
task), so that the benchmark's diff of findings compares something.
"""

import argparse
import json
import os

COMMON = """\
#pragma once
// The project's main header: Boost.Asio's coroutine support and the types
// every part of the service uses.
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "proj/util.hpp"

namespace proj {
namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using tcp = asio::ip::tcp;

struct Config {
  unsigned short port = 8080;
  std::chrono::milliseconds timeout{500};
  std::size_t max_clients = 64;
};

awaitable<void> log_line(std::string line);
awaitable<std::string> read_line(tcp::socket &socket);
} // namespace proj
"""

UTIL = """\
#pragma once
#include <string>
#include <string_view>
#include <unistd.h>

namespace proj {
inline std::string trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\\r'))
    text.remove_suffix(1);
  return std::string(text);
}
// Blocks: reached from coroutines through a helper in some TUs.
inline void backoff(unsigned seconds) { ::sleep(seconds); }
} // namespace proj
"""

SERVER = """\
#pragma once
// The listener's side: its own header, on top of the main one.
#include "proj/common.hpp"

#include <map>

namespace proj {
class Server {
public:
  explicit Server(asio::io_context &context, Config config)
      : context_(context), config_(config) {}
  awaitable<void> listen();
  awaitable<void> serve(tcp::socket socket);

private:
  asio::io_context &context_;
  Config config_;
  std::map<std::string, std::size_t> counters_;
};
} // namespace proj
"""

EXTRA_INCLUDES = [
    ["<algorithm>", "<map>"],
    ["<optional>"],
    ["<unordered_map>", "<functional>"],
    ["<array>", "<cstdint>"],
    ["<deque>"],
    [],
]


def tu_source(index, kind):
    name = f"part_{index:02d}"
    lines = [f"//===--- {name}.cpp - part {index} of the service "
             + "-" * max(3, 40 - len(name)) + "===//", ""]
    if kind == "macro":
        lines += ["#define PROJ_VERBOSE 1"]
    lines += ['#include "proj/server.hpp"' if kind == "server"
              else '#include "proj/common.hpp"', ""]
    for header in EXTRA_INCLUDES[index % len(EXTRA_INCLUDES)]:
        lines.append(f"#include {header}")
    lines += ["", "namespace proj {", ""]
    lines += [
        f"awaitable<std::size_t> {name}_echo(tcp::socket &socket) {{",
        "  char data[512];",
        "  std::size_t total = 0;",
        "  for (;;) {",
        "    std::size_t n = co_await socket.async_read_some(",
        "        asio::buffer(data), use_awaitable);",
        "    if (n == 0)",
        "      break;",
        "    co_await asio::async_write(socket, asio::buffer(data, n),",
        "                               use_awaitable);",
        "    total += n;",
        "  }",
        "  co_return total;",
        "}",
        "",
        f"awaitable<void> {name}_tick(std::chrono::milliseconds period) {{",
        "  auto executor = co_await asio::this_coro::executor;",
        "  asio::steady_timer timer(executor);",
        "  for (int i = 0; i < 3; ++i) {",
        "    timer.expires_after(period);",
        "    co_await timer.async_wait(use_awaitable);",
        f'    co_await log_line(trim("  tick {index} "));',
        "  }",
        "}",
        "",
    ]
    if index % 7 == 3:
        lines += [
            f"awaitable<void> {name}_retry(tcp::socket &socket) {{",
            "  // Bug: blocks the io_context's thread.",
            "  backoff(1);",
            "  co_await log_line(co_await read_line(socket));",
            "}",
            "",
        ]
    if index % 9 == 4:
        lines += [
            f"awaitable<void> {name}_forget() {{",
            "  // Bug: the task is created and dropped; its body never runs.",
            '  log_line("dropped");',
            "  co_return;",
            "}",
            "",
        ]
    lines += ["} // namespace proj", ""]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out")
    parser.add_argument("--tus", type=int, default=40)
    parser.add_argument("--compiler", default="clang++-19")
    args = parser.parse_args()
    out = os.path.abspath(args.out)
    include = os.path.join(out, "include", "proj")
    src = os.path.join(out, "src")
    build = os.path.join(out, "build")
    for directory in (include, src, build):
        os.makedirs(directory, exist_ok=True)
    for name, text in (("common.hpp", COMMON), ("util.hpp", UTIL),
                       ("server.hpp", SERVER)):
        with open(os.path.join(include, name), "w") as f:
            f.write(text)
    entries = []
    for index in range(args.tus):
        kind = ("macro" if index in (5, 17) else
                "server" if index % 5 == 1 else "common")
        path = os.path.join(src, f"part_{index:02d}.cpp")
        with open(path, "w") as f:
            f.write(tu_source(index, kind))
        entries.append({
            "directory": build,
            "file": path,
            "arguments": [args.compiler, "-std=c++20",
                          f"-I{os.path.join(out, 'include')}", "-c", path,
                          "-o", f"part_{index:02d}.o"],
        })
    with open(os.path.join(build, "compile_commands.json"), "w") as f:
        json.dump(entries, f, indent=1)
    print(f"{args.tus} TUs in {out}")


if __name__ == "__main__":
    main()
