#!/usr/bin/env python3
"""Measures how long async-lint-clangd takes to publish diagnostics, next to
the stock clangd it is built from.

    clangd_latency.py [FILE] [--flags FLAGS] [--runs N] [--edits N]
                      [--ours PATH] [--stock PATH] [--checks GLOBS]

Both servers get a copy of FILE (default: a small Asio coroutine server that
includes <asio.hpp>) in a project of their own, with the same compile command
(FLAGS, plus -iquote FILE's directory so that its own headers are found) and
the same .clangd, except that ours also enables async-*. Each run starts a
fresh server of each kind (their order alternating between runs) and times:

  didOpen   -> publishDiagnostics: parses the headers into the preamble, then
               the main file, then runs clang-tidy: what opening a file costs;
  didChange -> publishDiagnostics: an edit that leaves the includes alone, so
               only the main file is parsed and checked again: the latency
               while typing. The edits ask for diagnostics (wantDiagnostics),
               which skips clangd's debounce delay, so the figure is the
               rebuild alone.

It prints the median of each figure and the ratio ours / stock. A benchmark,
not a test: it checks nothing but that the servers answer.
"""

import argparse
import json
import os
import shlex
import shutil
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "test", "clangd"))
from lsp_client import Server, SessionError, to_uri  # noqa: E402

# Asio's coroutine API: the headers are the bulk of the work, as in real code.
# The one discarded awaitable gives the check something to report.
DEFAULT_SOURCE = """\
#include <asio.hpp>

using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

awaitable<void> echo(tcp::socket socket) {
  char data[1024];
  for (;;) {
    std::size_t n =
        co_await socket.async_read_some(asio::buffer(data), use_awaitable);
    co_await asio::async_write(socket, asio::buffer(data, n), use_awaitable);
  }
}

awaitable<void> log_connection(tcp::endpoint peer);

awaitable<void> listener(tcp::acceptor acceptor) {
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(use_awaitable);
    log_connection(socket.remote_endpoint());
    asio::co_spawn(acceptor.get_executor(), echo(std::move(socket)),
                   asio::detached);
  }
}

int main() {
  asio::io_context context;
  asio::co_spawn(context, listener(tcp::acceptor(context, {tcp::v4(), 5555})),
                 asio::detached);
  context.run();
}
"""


def write_project(directory, name, source, flags, checks):
    os.makedirs(directory)
    path = os.path.join(directory, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(source)
    with open(os.path.join(directory, "compile_commands.json"), "w") as f:
        json.dump([{"directory": directory, "file": path,
                    "arguments": ["clang++"] + flags + ["-c", path]}], f)
    # The project's checks come from .clangd alone: a .clang-tidy here stops
    # clangd from reading one from the directories above.
    with open(os.path.join(directory, ".clang-tidy"), "w") as f:
        f.write("Checks: '-*'\n")
    with open(os.path.join(directory, ".clangd"), "w") as f:
        f.write("Diagnostics:\n  ClangTidy:\n    Add: [%s]\n"
                "    FastCheckFilter: Loose\n" % ", ".join(checks))
    return path


def diagnostics_of(server, uri, version):
    message = server.wait_for(
        "diagnostics of version %d" % version,
        lambda m: m.get("method") == "textDocument/publishDiagnostics"
        and m["params"]["uri"] == uri
        and m["params"].get("version") == version)
    return message["params"]["diagnostics"]


def measure(binary, path, source, edits, timeout):
    """One server's session: the seconds to the diagnostics of the didOpen
    and of each edit, and the diagnostics of the last version."""
    directory = os.path.dirname(path)
    server = Server([binary, "--background-index=false"], directory, timeout)
    try:
        server.request("initialize", {"processId": os.getpid(),
                                      "rootUri": to_uri(directory),
                                      "capabilities": {}})
        server.notify("initialized", {})
        uri = to_uri(path)
        start = time.monotonic()
        server.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "cpp", "version": 1, "text": source}})
        diagnostics = diagnostics_of(server, uri, 1)
        open_time = time.monotonic() - start
        change_times = []
        for version in range(2, edits + 2):
            # A different comment each time: a new version of the main file
            # that keeps the preamble.
            text = source + "// edit %d\n" % version
            start = time.monotonic()
            server.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": text}],
                "wantDiagnostics": True})
            diagnostics = diagnostics_of(server, uri, version)
            change_times.append(time.monotonic() - start)
        server.request("shutdown", None)
        server.notify("exit", None)
        server.process.wait(timeout=timeout)
    except SessionError as error:
        sys.exit("%s: %s\n%s" % (binary, error, server.server_log_tail()))
    finally:
        server.stop()
    return open_time, change_times, diagnostics


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", nargs="?",
                        help="the C++ file to open (default: an Asio server)")
    # Asio 1.22 turns its coroutine support on for clang only with the
    # Coroutines TS; C++20 coroutines work once it is told they are there.
    parser.add_argument("--flags", default="-std=c++20 -DASIO_HAS_CO_AWAIT",
                        help="compiler flags (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=5,
                        help="servers of each kind (default: %(default)s)")
    parser.add_argument("--edits", type=int, default=5,
                        help="edits timed per server (default: %(default)s)")
    parser.add_argument("--ours", default=os.path.join(
        here, "..", "build", "bin", "async-lint-clangd"),
        help="async-lint-clangd (default: %(default)s)")
    parser.add_argument("--stock", default="/usr/lib/llvm-19/bin/clangd",
                        help="the stock clangd (default: %(default)s)")
    parser.add_argument("--checks", default="",
                        help="upstream checks both servers run, comma "
                        "separated (default: none)")
    parser.add_argument("--timeout", type=float, default=300,
                        help="seconds to wait for each answer")
    args = parser.parse_args()

    flags = shlex.split(args.flags)
    if args.file:
        name = os.path.basename(args.file)
        with open(args.file, encoding="utf-8") as f:
            source = f.read()
        flags += ["-iquote", os.path.dirname(os.path.abspath(args.file))]
    else:
        name = "asio_server.cpp"
        source = DEFAULT_SOURCE
    upstream = [c.strip() for c in args.checks.split(",") if c.strip()]
    servers = {"ours": os.path.abspath(args.ours),
               "stock": os.path.abspath(args.stock)}
    for binary in servers.values():
        if not os.access(binary, os.X_OK):
            sys.exit("not an executable: %s" % binary)

    work = tempfile.mkdtemp(prefix="clangd-latency-")
    try:
        paths = {
            "ours": write_project(os.path.join(work, "ours"), name, source,
                                  flags, ["async-*"] + upstream),
            "stock": write_project(os.path.join(work, "stock"), name, source,
                                   flags, upstream)}
        opens = {kind: [] for kind in servers}
        changes = {kind: [] for kind in servers}
        last = {}
        for run in range(args.runs):
            # Alternating the order spreads the effect of a warm file cache.
            order = ["ours", "stock"] if run % 2 == 0 else ["stock", "ours"]
            for kind in order:
                open_time, change_times, last[kind] = measure(
                    servers[kind], paths[kind], source, args.edits,
                    args.timeout)
                opens[kind].append(open_time)
                changes[kind].extend(change_times)
            sys.stderr.write("run %d/%d done\n" % (run + 1, args.runs))
    finally:
        shutil.rmtree(work)

    print("file:   %s (%s)" % (args.file or "built-in Asio server",
                                args.flags))
    print("ours:   %s (checks: async-*%s)" %
          (servers["ours"], "".join(", " + c for c in upstream)))
    print("stock:  %s (checks: %s)" % (servers["stock"],
                                       ", ".join(upstream) or "none"))
    print("runs:   %d servers of each kind, %d edits each; medians:" %
          (args.runs, args.edits))
    print("%-28s %10s %10s %8s" % ("", "ours", "stock", "ratio"))
    for label, times in (("didOpen -> diagnostics", opens),
                         ("didChange -> diagnostics", changes)):
        ours = statistics.median(times["ours"])
        stock = statistics.median(times["stock"])
        print("%-28s %9.3fs %9.3fs %7.2fx" %
              (label, ours, stock, ours / stock))
    # Figures for a file that does not compile would time error recovery.
    for kind in servers:
        errors = [d for d in last[kind] if d.get("severity") == 1]
        if errors:
            print("warning: %s reports %d errors, first: %s" %
                  (kind, len(errors), errors[0]["message"]))
    findings = [d for d in last["ours"]
                if str(d.get("code", "")).startswith("async-")]
    print("async-* findings in ours: %d" % len(findings))
    for d in findings:
        print("  %d:%d %s" % (d["range"]["start"]["line"] + 1,
                              d["range"]["start"]["character"] + 1,
                              d["message"].splitlines()[0]))


if __name__ == "__main__":
    main()
