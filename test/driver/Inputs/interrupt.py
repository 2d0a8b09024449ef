#!/usr/bin/env python3
"""Runs a command and sends it SIGINT (as Ctrl-C would) once it is busy.

    interrupt.py [--when GLOB]... [--when-changed FILE]... [--leftover TEXT]
                 -- COMMAND...

The signal is sent when every condition holds: each GLOB matches a path
(relative to the current directory), each FILE differs from what it held
when the command started. Then it prints

    exit=N              the command's exit status (signal=N if killed by one)
    leftover: CMDLINE   for each process still running whose command line
                        contains TEXT (worker processes left behind)

or, when the command ended before the conditions held (so the test cannot
say anything about an interrupt), "finished before the signal: exit=N".
"""

import argparse
import glob
import os
import signal
import subprocess
import sys
import time


def read(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


def leftovers(text):
    found = []
    if not os.path.isdir("/proc"):
        return found
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        cmdline = read(os.path.join("/proc", pid, "cmdline"))
        if not cmdline:
            continue
        args = cmdline.decode(errors="replace").rstrip("\0").split("\0")
        if any(text in arg for arg in args):
            found.append(" ".join(args))
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--when", action="append", default=[])
    parser.add_argument("--when-changed", action="append", default=[])
    parser.add_argument("--leftover", default=None)
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command

    before = {path: read(path) for path in args.when_changed}
    process = subprocess.Popen(command)
    deadline = time.monotonic() + args.timeout

    def ready():
        return (all(glob.glob(pattern) for pattern in args.when) and
                all(read(path) != before[path] for path in args.when_changed))

    while not ready():
        if process.poll() is not None:
            print("finished before the signal: exit=%d" % process.returncode)
            return
        if time.monotonic() > deadline:
            process.kill()
            process.wait()
            print("the conditions never held")
            return
        time.sleep(0.01)

    process.send_signal(signal.SIGINT)
    try:
        status = process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        print("still running 30 s after SIGINT")
        process.kill()
        status = process.wait()
    sys.stdout.flush()
    print("exit=%d" % status if status >= 0 else "signal=%d" % -status)
    if args.leftover:
        # A worker that outlived the parent would still be running now.
        for line in leftovers(args.leftover):
            print("leftover: " + line)


if __name__ == "__main__":
    main()
