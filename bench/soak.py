#!/usr/bin/env python3
"""Soak run of the driver on real coroutine code we did not write.

    bench/soak.py [--driver PATH] [--jobs N] [--keep DIR]

Analyses, with every async-* check, each C++20 coroutine example that
libboost1.81-doc ships (Asio's cpp20 and cpp17/coroutines_ts examples,
Beast's awaitable examples) and each test TU of the real-header database
tests (test/checks/async-blocking-call-db-*.cpp, with the flags of their
RUN lines), through one compile database, -j N (default 2), twice: cold (an
empty result cache), then warm (the cache the cold run filled).

Fails (exit 1) when a run crashes, times out, reports a tool error (a worker
that failed, unreadable results) or a sanitizer report, when a TU has an
error other than a compiler error, or when the findings of the two runs
differ. Leaves each run's JSON report in the work directory (--keep).
Prints each run's wall time, the peak memory of each worker (the
largest VmHWM seen for it in /proc while it ran, sampled every 20 ms) and
the number of findings.

--driver takes any build of async-lint, e.g. build-sanitize/bin/async-lint
for the ASan + UBSan build (its workers' sanitizer reports reach stderr).
"""

import argparse
import glob
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC = "/usr/share/doc/libboost1.81-doc/examples/libs"
INPUTS = os.path.join(REPO, "test", "Inputs")
CXX20 = ["-std=c++20", "-isystem", INPUTS]
SANITIZER = re.compile(r"ERROR: (Address|Leak|Memory|Thread)Sanitizer|"
                       r"runtime error: |SUMMARY: \w+Sanitizer")


def boost_examples():
    """(source, flags) for each coroutine example of the Boost docs."""
    tus = []
    asio = os.path.join(DOC, "asio", "example")
    for pattern in ("cpp20/**/*.cpp", "cpp17/coroutines_ts/*.cpp"):
        for path in sorted(glob.glob(os.path.join(asio, pattern),
                                     recursive=True)):
            tus.append((path, ["-std=c++20"]))
    beast = os.path.join(DOC, "beast", "example")
    for path in sorted(glob.glob(os.path.join(beast, "**", "*.cpp"),
                                 recursive=True)):
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        if "awaitable" not in text or "co_await" not in text:
            continue
        # Some include headers of Beast's example tree ("example/common/..."),
        # one uses std::list without including <list>.
        tus.append((path, ["-std=c++20", "-include", "list", "-I",
                           os.path.join(DOC, "beast")]))
    return tus


def database_tests():
    """(source, flags) for each RUN line of the real-header database tests."""
    tus = []
    for path in sorted(glob.glob(os.path.join(
            REPO, "test", "checks", "async-blocking-call-db-*.cpp"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                match = re.match(r"\s*// RUN: .*verify_blocking_db\.py "
                                 r"%async-lint %s -- (.*)$", line)
                if not match:
                    continue
                flags = []
                for word in shlex.split(match.group(1)):
                    flags += CXX20 if word == "%cxx20" else [word]
                tus.append((path, flags))
    return tus


class WorkerMemory:
    """Samples the peak resident memory of the driver's workers."""

    def __init__(self, parent):
        self.parent = str(parent)
        self.peaks = {}  # source file -> KiB
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.sample, daemon=True)

    def sample(self):
        while not self.stop.is_set():
            for pid in os.listdir("/proc"):
                if not pid.isdigit():
                    continue
                try:
                    # Only this run's workers, not those of other runs.
                    with open("/proc/%s/stat" % pid) as f:
                        if f.read().rsplit(")", 1)[1].split()[1] != self.parent:
                            continue
                    with open("/proc/%s/cmdline" % pid, "rb") as f:
                        argv = f.read().split(b"\0")
                    if not any(a.startswith(b"--internal-worker-output")
                               for a in argv):
                        continue
                    with open("/proc/%s/status" % pid) as f:
                        status = f.read()
                except OSError:
                    continue
                match = re.search(r"VmHWM:\s+(\d+) kB", status)
                source = next((a.decode() for a in argv
                               if a.endswith((b".cpp", b".cc"))), "?")
                if match:
                    self.peaks[source] = max(self.peaks.get(source, 0),
                                             int(match.group(1)))
            time.sleep(0.02)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *_):
        self.stop.set()
        self.thread.join()


def run_driver(driver, database_dir, cache_dir, jobs, files):
    command = [driver, "-p", database_dir, "--cache-dir", cache_dir,
               "--format=json", "--checks=-*,async-*", "-j", str(jobs),
               "--exit-zero"] + files
    start = time.perf_counter()
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, errors="replace")
    with WorkerMemory(process.pid) as memory:
        stdout, stderr = process.communicate()
    seconds = time.perf_counter() - start
    return (subprocess.CompletedProcess(command, process.returncode, stdout,
                                        stderr), seconds, memory.peaks)


def summarise(findings):
    """The findings as comparable tuples, and the compiler errors."""
    kept, compiler_errors, other_errors = [], [], []
    for f in findings:
        key = (f.get("file"), f.get("line"), f.get("column"), f.get("check"),
               f.get("message"),
               tuple((n.get("file"), n.get("line"), n.get("message"))
                     for n in f.get("notes", [])))
        if f.get("severity") != "error":
            kept.append(key)
        elif str(f.get("check", "")).startswith("clang-diagnostic-"):
            compiler_errors.append(key)
        else:
            other_errors.append(key)
    return sorted(kept), compiler_errors, other_errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--driver",
                        default=os.path.join(REPO, "build", "bin",
                                             "async-lint"))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", help="work in this directory and keep it")
    args = parser.parse_args()
    driver = os.path.abspath(args.driver)

    work = args.keep or tempfile.mkdtemp(prefix="async-lint-soak-")
    os.makedirs(work, exist_ok=True)
    try:
        # One entry per TU. The test TUs are copied out of the repository,
        # so that its own .clang-tidy (the lint of our sources) does not
        # apply, one copy per RUN line (libstdc++ and libc++).
        entries, files = [], []
        for number, (source, flags) in enumerate(boost_examples() +
                                                 database_tests()):
            path = source
            if source.startswith(REPO):
                path = os.path.join(work, "tests", "%d-%s" % (
                    number, os.path.basename(source)))
                os.makedirs(os.path.dirname(path), exist_ok=True)
                shutil.copyfile(source, path)
            files.append(path)
            entries.append({"directory": os.path.dirname(source),
                            "file": path,
                            "arguments": ["clang++"] + flags + ["-c", path]})
        with open(os.path.join(work, "compile_commands.json"), "w") as f:
            json.dump(entries, f, indent=1)
        cache = os.path.join(work, "cache")
        shutil.rmtree(cache, ignore_errors=True)
        print("soak: %d TUs, -j %d, driver %s" % (len(files), args.jobs,
                                                  driver))

        failed = False
        results = []
        for name in ("cold", "warm"):
            process, seconds, peaks = run_driver(driver, work, cache,
                                                 args.jobs, files)
            problems = []
            if process.returncode not in (0, 2) or process.returncode < 0:
                problems.append("exit status %d" % process.returncode)
            for line in process.stderr.splitlines():
                if SANITIZER.search(line):
                    problems.append("sanitizer: " + line.strip())
            with open(os.path.join(work, name + ".json"), "w") as f:
                f.write(process.stdout)
            try:
                report = json.loads(process.stdout)
            except ValueError:
                report = {"findings": [], "errors": ["no JSON output"]}
            kept, compiler_errors, other_errors = summarise(
                report.get("findings", []))
            problems += ["tool error: " + e for e in report.get("errors", [])]
            problems += ["error: %s:%s: %s" % (e[0], e[1], e[4])
                         for e in other_errors]
            results.append(kept)
            print("%s: %.1f s, %d findings, %d compiler errors, exit %d" %
                  (name, seconds, len(kept), len(compiler_errors),
                   process.returncode))
            for e in compiler_errors:
                print("  compiler error: %s:%s: %s" % (e[0], e[1], e[4]))
            if peaks:
                print("  peak memory per worker (MiB):")
                for source, kib in sorted(peaks.items(),
                                          key=lambda item: -item[1]):
                    print("    %7.0f  %s" % (kib / 1024,
                                             os.path.relpath(source, DOC)
                                             if source.startswith(DOC)
                                             else os.path.relpath(source,
                                                                  REPO)))
            elif name == "cold":
                problems.append("no worker was seen running")
            else:
                print("  no worker ran: every TU came from the cache")
            for p in problems:
                print("  PROBLEM: " + p)
            failed |= bool(problems)
        if results[0] != results[1]:
            failed = True
            print("PROBLEM: the findings of the cold and the warm run differ")
            for item in sorted(set(results[0]) ^ set(results[1])):
                print("  " + repr(item))
        else:
            print("cold and warm findings identical")
        print("soak: " + ("FAILED" if failed else "ok"))
        return 1 if failed else 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
